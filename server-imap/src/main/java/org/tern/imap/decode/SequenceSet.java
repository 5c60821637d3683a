package org.tern.imap.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence set as the client wrote it; {@code *} is {@link #STAR} and is resolved against the mailbox
 * (largest sequence number or UID) when the command runs.
 */
public record SequenceSet(List<Range> ranges) {

    public static final long STAR = -1;

    /** A range as written; either end may be {@link #STAR}; ends may be in any order. */
    public record Range(long from, long to) {
        public long low(long star) {
            return Math.min(v(from, star), v(to, star));
        }

        public long high(long star) {
            return Math.max(v(from, star), v(to, star));
        }

        private static long v(long x, long star) {
            return x == STAR ? star : x;
        }
    }

    public static SequenceSet parse(String s) {
        if (s.isEmpty()) {
            throw new DecodingException("Invalid sequence set");
        }
        List<Range> out = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                long v = value(part);
                out.add(new Range(v, v));
            } else {
                out.add(new Range(value(part.substring(0, colon)), value(part.substring(colon + 1))));
            }
        }
        return new SequenceSet(List.copyOf(out));
    }

    private static long value(String s) {
        if (s.equals("*")) {
            return STAR;
        }
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new DecodingException("Invalid sequence set");
        }
        long v = Long.parseLong(s);
        if (v == 0 || v > 0xFFFFFFFFL) {
            throw new DecodingException("Invalid sequence set");
        }
        return v;
    }
}
