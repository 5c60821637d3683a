package org.tern.imap.decode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** IMAP date and date-time syntax (RFC 3501 §9). */
public final class ImapDates {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ROOT);
    private static final DateTimeFormatter OUT =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    private ImapDates() {
    }

    public static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(capitalize(text), DATE);
        } catch (DateTimeParseException e) {
            throw new DecodingException("Invalid date " + text);
        }
    }

    public static Instant parseDateTime(String text) {
        try {
            return OffsetDateTime.parse(capitalize(text.trim()), DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new DecodingException("Invalid date-time " + text);
        }
    }

    /** INTERNALDATE form, in UTC. */
    public static String format(Instant instant) {
        return OUT.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static String capitalize(String s) {
        // month names are case-insensitive on the wire; the formatter wants "Jan"
        int dash = s.indexOf('-');
        if (dash < 0 || s.length() < dash + 4) {
            return s;
        }
        return s.substring(0, dash + 1) + Character.toUpperCase(s.charAt(dash + 1))
                + s.substring(dash + 2, dash + 4).toLowerCase(Locale.ROOT) + s.substring(dash + 4);
    }
}
