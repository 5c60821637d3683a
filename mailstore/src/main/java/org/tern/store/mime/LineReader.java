package org.tern.store.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into line segments while counting absolute byte offsets exactly. A segment is a whole
 * line (terminator included) or, for lines longer than {@link #SEGMENT}, a piece of one, so memory stays
 * bounded whatever the input. LF and CRLF are both line ends; bytes are never altered.
 */
final class LineReader {

    static final int SEGMENT = 8192;

    private final InputStream in;
    private final byte[] buf = new byte[65536];
    private int pos;
    private int limit;
    private long bufBase;
    private boolean eof;

    private int segOff;
    private int segLen;
    private long segStart;
    private boolean atLineStart = true;
    private boolean endsLine = true;
    private long lineStart;
    private long prevLineStart = -1;
    private int prevTerm;
    private int term;
    private boolean lastByteCr;
    private long completedLines;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next segment; false at the end of the input. */
    boolean next() throws IOException {
        boolean startsLine = endsLine;
        if (segLen > 0) {
            if (startsLine) {
                prevLineStart = lineStart;
                prevTerm = term;
            }
            lastByteCr = buf[segOff + segLen - 1] == '\r';
        }
        int start = pos;
        int scanFrom = pos;
        while (true) {
            int scanEnd = Math.min(limit, start + SEGMENT);
            for (int i = scanFrom; i < scanEnd; i++) {
                if (buf[i] == '\n') {
                    return segment(start, i + 1, startsLine, true);
                }
            }
            if (scanEnd - start >= SEGMENT) {
                return segment(start, scanEnd, startsLine, false);
            }
            scanFrom = scanEnd;
            if (eof) {
                break;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, limit - start);
                limit -= start;
                bufBase += start;
                scanFrom -= start;
                start = 0;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                break;
            }
            limit += n;
        }
        if (limit == start) {
            pos = limit;
            segOff = start;
            segStart = bufBase + start;
            segLen = 0;
            if (!endsLine) {
                completedLines++; // an unterminated last line whose length is a multiple of SEGMENT
                endsLine = true;
                term = 0;
            }
            return false;
        }
        return segment(start, limit, startsLine, false);
    }

    private boolean segment(int from, int to, boolean startsLine, boolean ends) {
        segOff = from;
        segLen = to - from;
        segStart = bufBase + from;
        pos = to;
        atLineStart = startsLine;
        if (startsLine) {
            lineStart = segStart;
        }
        endsLine = ends;
        if (ends) {
            completedLines++;
            boolean cr = segLen >= 2 ? buf[to - 2] == '\r' : lastByteCr && !startsLine;
            term = cr ? 2 : 1;
        } else if (eof && to == limit) {
            completedLines++; // last line without terminator still counts
            term = 0;
            endsLine = true;
        }
        return true;
    }

    byte[] buffer() {
        return buf;
    }

    int offset() {
        return segOff;
    }

    int length() {
        return segLen;
    }

    /** Absolute offset of the current segment's first byte. */
    long segmentStart() {
        return segStart;
    }

    /** Absolute offset just past the current segment. */
    long segmentEnd() {
        return segStart + segLen;
    }

    boolean atLineStart() {
        return atLineStart;
    }

    /** True when this segment is the end of its line (terminator or end of input). */
    boolean endsLine() {
        return endsLine;
    }

    /** Length of the current segment without its line terminator. */
    int contentLength() {
        if (!endsLine || term == 0) {
            return segLen;
        }
        return Math.max(0, segLen - term);
    }

    /** Start of the line before the current one, -1 if none. */
    long previousLineStart() {
        return prevLineStart;
    }

    /** Terminator length (0, 1 or 2) of the line before the current one. */
    int previousTerminator() {
        return prevTerm;
    }

    /** Lines ended so far, including the current segment's line if it has ended. */
    long completedLines() {
        return completedLines;
    }

    /** Absolute offset of the next unread byte: the total size once {@link #next()} returned false. */
    long position() {
        return bufBase + pos;
    }
}
