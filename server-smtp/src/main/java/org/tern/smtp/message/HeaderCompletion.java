package org.tern.smtp.message;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * Adds the header fields a submission server must supply when the client left them out (RFC 6409 §8.2
 * Date, §8.3 Message-ID). Decides from the buffered header block only.
 */
public final class HeaderCompletion {

    /** RFC 5322 §3.3 date-time. */
    public static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final String hostname;

    public HeaderCompletion(String hostname) {
        this.hostname = hostname;
    }

    /** The fields to put before {@code headerBlock} (CRLF-terminated lines; empty when nothing is missing). */
    public byte[] missingFields(byte[] headerBlock, int length, ZonedDateTime now) {
        boolean hasMessageId = false;
        boolean hasDate = false;
        int lineStart = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || headerBlock[i] == '\n') {
                int len = i - lineStart;
                if (len > 0 && headerBlock[lineStart] != ' ' && headerBlock[lineStart] != '\t') {
                    hasMessageId |= startsWithField(headerBlock, lineStart, len, "message-id:");
                    hasDate |= startsWithField(headerBlock, lineStart, len, "date:");
                }
                lineStart = i + 1;
            }
        }
        StringBuilder sb = new StringBuilder();
        if (!hasMessageId) {
            sb.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(hostname).append(">\r\n");
        }
        if (!hasDate) {
            sb.append("Date: ").append(RFC5322_DATE.format(now)).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean startsWithField(byte[] b, int start, int len, String field) {
        // Field names may be followed by white space before the colon (obsolete syntax, RFC 5322 §4.5).
        int n = 0;
        int i = start;
        int end = start + len;
        String name = field.substring(0, field.length() - 1);
        while (n < name.length() && i < end) {
            int c = b[i] & 0xff;
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != name.charAt(n)) {
                return false;
            }
            n++;
            i++;
        }
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return n == name.length() && i < end && b[i] == ':';
    }
}
