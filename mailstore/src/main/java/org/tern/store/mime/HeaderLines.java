package org.tern.store.mime;

import java.util.ArrayList;
import java.util.List;

/** Splits a header block into the raw byte ranges of its fields (each with its continuation lines). */
final class HeaderLines {

    /**
     * A field's bytes [start, end) including its line breaks; {@code colon} is -1 for a junk line without one,
     * {@code nameEnd} is where the name ends (before any whitespace preceding the colon).
     */
    record Range(int start, int end, int colon, int nameEnd) {
    }

    private HeaderLines() {
    }

    static List<Range> fields(byte[] b, int off, int len) {
        List<Range> out = new ArrayList<>();
        int end = off + len;
        int i = off;
        int fieldStart = -1;
        while (i < end) {
            int lineEnd = lineEnd(b, i, end);
            boolean blank = b[i] == '\n' || b[i] == '\r' && i + 1 < end && b[i + 1] == '\n';
            if (blank) {
                break;
            }
            boolean continuation = RawText.isWsp(b[i]);
            if (!continuation) {
                if (fieldStart >= 0) {
                    out.add(range(b, fieldStart, i));
                }
                fieldStart = i;
            } else if (fieldStart < 0) {
                fieldStart = i; // a continuation with nothing to continue: kept as junk
            }
            i = lineEnd;
        }
        if (fieldStart >= 0) {
            out.add(range(b, fieldStart, i));
        }
        return out;
    }

    private static int lineEnd(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return end;
    }

    /** RFC 5322 §2.2: a field name is one or more printable ASCII characters except colon. */
    static boolean validName(byte[] b, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (b[i] < 33 || b[i] > 126) {
                return false;
            }
        }
        return true;
    }

    private static Range range(byte[] b, int start, int end) {
        if (RawText.isWsp(b[start])) {
            return new Range(start, end, -1, start);
        }
        for (int i = start; i < end && b[i] != '\n'; i++) {
            if (b[i] == ':') {
                int nameEnd = i;
                while (nameEnd > start && RawText.isWsp(b[nameEnd - 1])) {
                    nameEnd--;
                }
                return validName(b, start, nameEnd) ? new Range(start, end, i, nameEnd) : new Range(start, end, -1, start);
            }
        }
        return new Range(start, end, -1, start);
    }
}
