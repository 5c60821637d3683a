package org.tern.store.names;

import java.util.Locale;
import java.util.regex.Pattern;

import org.tern.store.InvalidNameException;

/** Validates and normalises (lower-cases) domains and mail addresses. */
public final class Addresses {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** RFC 5321 dot-string local part (atext and dots, no leading/trailing/double dot). */
    private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final int MAX_ADDRESS = 254;
    private static final int MAX_LOCAL = 64;

    private Addresses() {
    }

    /** A lower-cased domain name: dot-separated labels of letters, digits and hyphens, at most 253 characters. */
    public static String domain(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidNameException("empty domain name");
        }
        String d = raw.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.length() > 253 || d.isEmpty()) {
            throw new InvalidNameException("invalid domain name: " + printable(raw));
        }
        for (String label : d.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidNameException("invalid domain name: " + printable(raw));
            }
        }
        return d;
    }

    /** A lower-cased address {@code local@domain}. */
    public static String address(String raw) {
        if (raw == null) {
            throw new InvalidNameException("missing address");
        }
        int at = raw.lastIndexOf('@');
        if (at <= 0 || at == raw.length() - 1) {
            throw new InvalidNameException("invalid address (need local@domain): " + printable(raw));
        }
        String local = raw.substring(0, at).toLowerCase(Locale.ROOT);
        if (local.length() > MAX_LOCAL || !LOCAL.matcher(local).matches()) {
            throw new InvalidNameException("invalid local part in address: " + printable(raw));
        }
        String domain;
        try {
            domain = domain(raw.substring(at + 1));
        } catch (InvalidNameException e) {
            throw new InvalidNameException("invalid domain in address: " + printable(raw));
        }
        String a = local + "@" + domain;
        if (a.length() > MAX_ADDRESS) {
            throw new InvalidNameException("address too long: " + printable(raw));
        }
        return a;
    }

    /** An alias source: an address, or {@code @domain} for a catch-all. */
    public static String aliasSource(String raw) {
        if (raw != null && raw.startsWith("@")) {
            return "@" + domain(raw.substring(1));
        }
        return address(raw);
    }

    public static String domainOf(String normalizedAddress) {
        return normalizedAddress.substring(normalizedAddress.lastIndexOf('@') + 1);
    }

    /** The input with control characters escaped, safe for an error message or a log line. */
    public static String printable(String raw) {
        if (raw == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length() && i < 300; i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
