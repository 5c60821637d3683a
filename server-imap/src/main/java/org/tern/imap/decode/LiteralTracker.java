package org.tern.imap.decode;

import java.util.Locale;
import java.util.Optional;

/**
 * Follows the lines of one command to decide, for each literal announced at a line end, whether it is the
 * APPEND message (limit: message.max-bytes, streamed) or a small string (buffered, small limit). The framing
 * (I/O thread) and the handler each run one instance on the same lines, so they agree without talking.
 */
public final class LiteralTracker {

    private final long maxMessageBytes;
    private final long maxStringBytes;
    private boolean continuing;
    private boolean append;

    public LiteralTracker(long maxMessageBytes, long maxStringBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.maxStringBytes = maxStringBytes;
    }

    /** Feeds one line; returns the literal it announces, if any. */
    public Optional<LiteralDecision> onLine(byte[] line) {
        boolean hasArgs = false;
        if (!continuing) {
            String[] words = firstWords(line);
            append = words.length >= 2 && words[1].equalsIgnoreCase("APPEND");
            // "tag APPEND {n}": the literal is the mailbox name, not the message
            hasArgs = words.length >= 3 && !words[2].startsWith("{");
        }
        long size = -1;
        boolean nonSync = false;
        int n = line.length;
        if (n >= 3 && line[n - 1] == '}') {
            int end = n - 1;
            if (line[end - 1] == '+') {
                nonSync = true;
                end--;
            }
            int start = end;
            while (start > 0 && line[start - 1] >= '0' && line[start - 1] <= '9') {
                start--;
            }
            if (start < end && start > 0 && line[start - 1] == '{') {
                size = parseSize(line, start, end);
            }
        }
        if (size < 0) {
            continuing = false;
            return Optional.empty();
        }
        boolean message = append && (continuing || hasArgs);
        boolean tooLarge = size > (message ? maxMessageBytes : maxStringBytes);
        continuing = !tooLarge;
        return Optional.of(new LiteralDecision(size, nonSync, message, tooLarge));
    }

    /** Forgets the current command (after an error). */
    public void reset() {
        continuing = false;
    }

    /** True if the line is a complete {@code tag STARTTLS} command. */
    public boolean isStartTls(byte[] line) {
        if (continuing) {
            return false;
        }
        String[] words = firstWords(line);
        return words.length == 2 && words[1].equalsIgnoreCase("STARTTLS");
    }

    private static long parseSize(byte[] line, int start, int end) {
        if (end - start > 18) {
            return Long.MAX_VALUE;
        }
        long v = 0;
        for (int i = start; i < end; i++) {
            v = v * 10 + (line[i] - '0');
        }
        return v;
    }

    private static String[] firstWords(byte[] line) {
        int limit = Math.min(line.length, 64);
        String s = new String(line, 0, limit, java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.trim().toUpperCase(Locale.ROOT).split(" ", 3);
    }
}
