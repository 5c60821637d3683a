package org.tern.smtp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.tern.core.net.FrameAction;
import org.tern.core.net.Framing;

/**
 * SMTP framing on the I/O thread: pause after {@code DATA} and {@code STARTTLS} (the handler decides how to go
 * on), read {@code n} bytes after {@code BDAT n [LAST]}. The handler applies the same rule
 * ({@link #decide}) to know which lines left the input paused or counted.
 */
public final class SmtpFraming implements Framing {

    @Override
    public FrameAction afterLine(byte[] line) {
        return decide(line);
    }

    /** Pure function of the line, shared with the handler. */
    public static FrameAction decide(byte[] line) {
        int start = 0;
        int end = line.length;
        while (start < end && isBlank(line[start])) {
            start++;
        }
        while (end > start && isBlank(line[end - 1])) {
            end--;
        }
        int len = end - start;
        if (len == 4 && equalsIgnoreCase(line, start, "DATA")) {
            return FrameAction.PAUSE;
        }
        if (len == 8 && equalsIgnoreCase(line, start, "STARTTLS")) {
            return FrameAction.PAUSE;
        }
        if (len > 5 && equalsIgnoreCase(line, start, "BDAT") && line[start + 4] == ' ') {
            String args = new String(line, start + 5, len - 5, StandardCharsets.US_ASCII);
            Optional<BdatArguments> bdat = BdatArguments.parse(args);
            // A zero-size chunk has no content to read; the handler completes it at once.
            if (bdat.isPresent() && bdat.get().size() > 0) {
                return FrameAction.counted(bdat.get().size());
            }
        }
        return FrameAction.LINES;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static boolean equalsIgnoreCase(byte[] line, int start, String word) {
        for (int i = 0; i < word.length(); i++) {
            int c = line[start + i] & 0xff;
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
