package org.tern.admin.service;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Quota sizes as operators write them: {@code 500M}, {@code 5G}, {@code 1.5G}, {@code 1048576}, {@code unlimited}. */
public final class QuotaSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(I?B)?", Pattern.CASE_INSENSITIVE);

    private QuotaSize() {
    }

    /**
     * Parses a size with an optional binary unit (K, M, G, T = 1024^n; a trailing B or iB is allowed) or
     * {@code unlimited} ({@link UserInfo#UNLIMITED}). Throws {@link AdminException} (bad input) otherwise.
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("unlimited") || t.equalsIgnoreCase("none")) {
            return UserInfo.UNLIMITED;
        }
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw invalid(text);
        }
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        int power = unit.isEmpty() ? 0 : "KMGT".indexOf(unit) + 1;
        if (m.group(3) != null && m.group(3).length() == 2 && power == 0) {
            throw invalid(text); // "5iB" means nothing
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
        try {
            long value = bytes.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
            if (value <= 0) {
                throw AdminException.badInput("invalid quota '" + text + "': must be more than 0 bytes"
                        + " (or 'unlimited')");
            }
            return value;
        } catch (ArithmeticException tooBig) {
            throw AdminException.badInput("invalid quota '" + text + "': too large");
        }
    }

    private static AdminException invalid(String text) {
        return AdminException.badInput("invalid quota '" + text
                + "': use a number with an optional unit K, M, G or T (e.g. 500M, 5G) or 'unlimited'");
    }

    /** A size for people: {@code 5.0G}, {@code 500M}, {@code 812K}, {@code 17B}; "unlimited" for none. */
    public static String format(long bytes) {
        if (bytes == UserInfo.UNLIMITED) {
            return "unlimited";
        }
        if (bytes < 1024) {
            return bytes + "B";
        }
        String units = "KMGTPE";
        double v = bytes;
        int unit = -1;
        while (v >= 1024 && unit < units.length() - 1) {
            v /= 1024;
            unit++;
        }
        String number = v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
        return number + units.charAt(unit);
    }
}
