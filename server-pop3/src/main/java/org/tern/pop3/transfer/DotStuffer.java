package org.tern.pop3.transfer;

import java.util.Arrays;

/**
 * Streaming transform of a stored message into a POP3 multi-line response body (RFC 1939 §3): a '.' at the
 * start of a line gets another '.' in front, the body ends with CRLF and the terminating ".CRLF" follows.
 * Bytes pass through otherwise unchanged. A bare LF also starts a new line for stuffing, since lenient clients
 * split lines on LF. With a body line limit it implements TOP: the header, the blank line and at most that many
 * body lines. Holds no more than the chunk it is given.
 */
public final class DotStuffer {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final long bodyLineLimit;
    private boolean atLineStart = true;
    private long lineLength;
    private boolean inBody;
    private long bodyLines;
    private boolean done;
    private int last = -1;
    private int beforeLast = -1;

    private DotStuffer(long bodyLineLimit) {
        this.bodyLineLimit = bodyLineLimit;
        this.done = false;
    }

    /** For RETR: the whole message. */
    public static DotStuffer whole() {
        return new DotStuffer(Long.MAX_VALUE);
    }

    /** For TOP: the header, the blank line after it and {@code bodyLines} lines of the body. */
    public static DotStuffer top(long bodyLines) {
        return new DotStuffer(bodyLines);
    }

    /** The most output {@link #transform} can produce for {@code inputLength} bytes. */
    public static int maxOutput(int inputLength) {
        return inputLength * 2;
    }

    /**
     * Transforms {@code len} bytes of the message into {@code out} from {@code outOff}, which must have room for
     * {@link #maxOutput}(len) bytes. Returns how many bytes were written. Input after a TOP limit is ignored.
     */
    public int transform(byte[] in, int off, int len, byte[] out, int outOff) {
        int o = outOff;
        for (int i = off; i < off + len && !done; i++) {
            byte b = in[i];
            if (atLineStart && b == '.') {
                out[o++] = '.';
            }
            out[o++] = b;
            if (b == LF) {
                endLine();
            } else {
                atLineStart = false;
                lineLength++;
            }
            beforeLast = last;
            last = b;
        }
        return o - outOff;
    }

    private void endLine() {
        boolean empty = lineLength == 0 || lineLength == 1 && last == CR;
        if (inBody) {
            bodyLines++;
        } else if (empty) {
            inBody = true;
        }
        if (inBody && bodyLines >= bodyLineLimit) {
            done = true;
        }
        atLineStart = true;
        lineLength = 0;
    }

    /** True once a TOP limit has been reached: the rest of the message need not be read. */
    public boolean isDone() {
        return done;
    }

    /** What ends the response: a CRLF if the content did not end with one, then ".CRLF". */
    public byte[] finish() {
        byte[] terminator = {'.', CR, LF};
        if (last == -1 || last == LF && beforeLast == CR) {
            return terminator;
        }
        byte[] prefix = last == CR ? new byte[] {LF} : new byte[] {CR, LF};
        byte[] out = Arrays.copyOf(prefix, prefix.length + terminator.length);
        System.arraycopy(terminator, 0, out, prefix.length, terminator.length);
        return out;
    }
}
