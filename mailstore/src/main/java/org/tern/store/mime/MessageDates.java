package org.tern.store.mime;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lenient RFC 5322 §3.3 date parser for SEARCH SENTBEFORE/SENTON/SENTSINCE, which compare the Date header's
 * own calendar date ignoring time and zone (RFC 3501 §6.4.4): the result keeps the zone as written. Accepts
 * comments, a missing weekday or seconds, two-digit years (RFC 5322 §4.3), and the obsolete zone names.
 */
public final class MessageDates {

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");
    private static final Map<String, Integer> ZONES = Map.ofEntries(Map.entry("ut", 0), Map.entry("gmt", 0),
            Map.entry("z", 0), Map.entry("est", -5), Map.entry("edt", -4), Map.entry("cst", -6), Map.entry("cdt", -5),
            Map.entry("mst", -7), Map.entry("mdt", -6), Map.entry("pst", -8), Map.entry("pdt", -7));

    private MessageDates() {
    }

    /** The date and time as written, or empty when the value is not a recognisable date. */
    public static Optional<OffsetDateTime> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        List<String> tokens = tokens(value);
        int i = 0;
        if (i < tokens.size() && tokens.get(i).chars().allMatch(Character::isLetter)
                && tokens.get(i).length() >= 3 && !MONTHS.contains(lower3(tokens.get(i)))) {
            i++; // weekday
        }
        try {
            if (i + 4 > tokens.size()) {
                return Optional.empty();
            }
            int day = Integer.parseInt(tokens.get(i));
            int month = MONTHS.indexOf(lower3(tokens.get(i + 1))) + 1;
            int year = Integer.parseInt(tokens.get(i + 2));
            if (month == 0) {
                return Optional.empty();
            }
            if (tokens.get(i + 2).length() <= 2) {
                year += year < 50 ? 2000 : 1900;
            } else if (tokens.get(i + 2).length() == 3) {
                year += 1900;
            }
            String[] hms = tokens.get(i + 3).split(":");
            int hour = Integer.parseInt(hms[0]);
            int minute = hms.length > 1 ? Integer.parseInt(hms[1]) : 0;
            int second = hms.length > 2 ? Integer.parseInt(hms[2]) : 0;
            ZoneOffset zone = i + 4 < tokens.size() ? zone(tokens.get(i + 4)) : ZoneOffset.UTC;
            return Optional.of(OffsetDateTime.of(year, month, day, hour, minute, Math.min(second, 59), 0, zone));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String lower3(String s) {
        return s.length() < 3 ? s : s.substring(0, 3).toLowerCase(Locale.ROOT);
    }

    private static ZoneOffset zone(String z) {
        if ((z.startsWith("+") || z.startsWith("-")) && z.length() == 5) {
            int h = Integer.parseInt(z.substring(1, 3));
            int m = Integer.parseInt(z.substring(3, 5));
            int sign = z.startsWith("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * h, sign * m);
        }
        Integer hours = ZONES.get(z.toLowerCase(Locale.ROOT));
        return ZoneOffset.ofHours(hours == null ? 0 : hours); // unknown zones mean -0000 (RFC 5322 §4.3)
    }

    /** Splits on whitespace and commas, dropping comments. */
    private static List<String> tokens(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth > 0) {
                continue;
            } else if (Character.isWhitespace(c) || c == ',') {
                flush(cur, out);
            } else {
                cur.append(c);
            }
            if (c == '(' || c == ')') {
                flush(cur, out);
            }
        }
        flush(cur, out);
        return out;
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
        }
    }
}
