package org.tern.core.net.mina;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.core.net.FrameAction;
import org.tern.core.net.Framing;
import org.tern.core.net.ReadMode;

/**
 * Cuts a byte stream into lines (CRLF or bare LF, with a length limit), counted blocks and dot-terminated
 * content, asking the protocol's {@link Framing} after each line how to read what follows. In PAUSED mode it
 * holds the bytes it receives until {@link #resume} (or drops them on {@link #discardHeld}). Not thread-safe:
 * the owner serialises calls.
 */
final class FrameDecoder {

    /** Largest content chunk handed on at once. */
    static final int MAX_CHUNK = 64 * 1024;

    enum Mode { LINES, COUNTED, DOT_TERMINATED, PAUSED }

    /** Where the dot-unstuffing state machine stands. */
    private enum DotState { LINE_START, MID_LINE, AFTER_CR, DOT_AT_START, DOT_CR }

    private static final byte[] EMPTY = new byte[0];
    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

    private final Framing framing;
    private final int maxLineLength;

    private Mode mode = Mode.LINES;
    private byte[] lineBuffer = new byte[128];
    private int lineLength;
    private boolean discardingLongLine;
    private long countedRemaining;
    private DotState dotState = DotState.LINE_START;
    private byte[] held = EMPTY;

    FrameDecoder(Framing framing, int maxLineLength) {
        this.framing = framing;
        this.maxLineLength = maxLineLength;
    }

    Mode mode() {
        return mode;
    }

    boolean isPaused() {
        return mode == Mode.PAUSED;
    }

    int heldBytes() {
        return held.length;
    }

    /** Decodes {@code data[offset, offset+length)}; bytes after a PAUSE are held. */
    void feed(byte[] data, int offset, int length, FrameSink sink) {
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            switch (mode) {
                case LINES -> pos = decodeLine(data, pos, end, sink);
                case COUNTED -> pos = decodeCounted(data, pos, end, sink);
                case DOT_TERMINATED -> pos = decodeDotTerminated(data, pos, end, sink);
                case PAUSED -> {
                    hold(data, pos, end);
                    pos = end;
                }
            }
        }
    }

    /** Leaves PAUSED (or changes mode) and decodes the held bytes in the new mode. */
    void resume(ReadMode readMode, FrameSink sink) {
        mode = readMode == ReadMode.DOT_TERMINATED ? Mode.DOT_TERMINATED : Mode.LINES;
        dotState = DotState.LINE_START;
        byte[] pending = held;
        held = EMPTY;
        if (pending.length > 0) {
            feed(pending, 0, pending.length, sink);
        }
    }

    /** Stops decoding; what arrives is held. */
    void pause() {
        mode = Mode.PAUSED;
    }

    /** Drops held bytes (plaintext pipelined behind STARTTLS) and stays paused. */
    void discardHeld() {
        held = EMPTY;
    }

    /** Back to LINES with nothing held, e.g. once TLS is in place. */
    void restartLines() {
        held = EMPTY;
        lineLength = 0;
        discardingLongLine = false;
        mode = Mode.LINES;
    }

    private void hold(byte[] data, int from, int to) {
        int n = to - from;
        byte[] grown = Arrays.copyOf(held, held.length + n);
        System.arraycopy(data, from, grown, held.length, n);
        held = grown;
    }

    private int decodeLine(byte[] data, int pos, int end, FrameSink sink) {
        int lf = indexOfLf(data, pos, end);
        int stop = lf < 0 ? end : lf;
        appendToLine(data, pos, stop);
        if (lf < 0) {
            return end;
        }
        finishLine(sink);
        return lf + 1;
    }

    private void appendToLine(byte[] data, int from, int to) {
        if (discardingLongLine) {
            return;
        }
        int n = to - from;
        // One byte of slack for the CR that may precede the LF.
        if (lineLength + n > maxLineLength + 1) {
            discardingLongLine = true;
            lineLength = 0;
            if (lineBuffer.length > 4096) {
                lineBuffer = new byte[128];
            }
            return;
        }
        if (lineLength + n > lineBuffer.length) {
            lineBuffer = Arrays.copyOf(lineBuffer, Math.max(lineLength + n, lineBuffer.length * 2));
        }
        System.arraycopy(data, from, lineBuffer, lineLength, n);
        lineLength += n;
    }

    private void finishLine(FrameSink sink) {
        int length = lineLength;
        lineLength = 0;
        if (length > 0 && lineBuffer[length - 1] == '\r') {
            length--;
        }
        if (discardingLongLine || length > maxLineLength) {
            discardingLongLine = false;
            sink.lineTooLong();
            return;
        }
        byte[] line = Arrays.copyOf(lineBuffer, length);
        if (lineBuffer.length > 4096) {
            lineBuffer = new byte[128];
        }
        FrameAction action;
        try {
            action = framing.afterLine(line);
        } catch (RuntimeException e) {
            // A framing bug on odd input must not kill the session: the handler sees the line and answers it.
            LOG.warn("framing failed on a line of {} bytes; reading lines", line.length, e);
            action = FrameAction.LINES;
        }
        sink.line(line);
        apply(action, sink);
    }

    private void apply(FrameAction action, FrameSink sink) {
        if (action == null) {
            return;
        }
        switch (action.kind()) {
            case LINES -> mode = Mode.LINES;
            case PAUSE -> mode = Mode.PAUSED;
            case COUNTED -> {
                if (action.count() <= 0) {
                    sink.content(EMPTY, true);
                    mode = Mode.LINES;
                } else {
                    countedRemaining = action.count();
                    mode = Mode.COUNTED;
                }
            }
        }
    }

    private int decodeCounted(byte[] data, int pos, int end, FrameSink sink) {
        int n = (int) Math.min(Math.min(countedRemaining, end - pos), MAX_CHUNK);
        countedRemaining -= n;
        boolean last = countedRemaining == 0;
        sink.content(Arrays.copyOfRange(data, pos, pos + n), last);
        if (last) {
            mode = Mode.LINES;
        }
        return pos + n;
    }

    /** RFC 5321 §4.5.2: drop the first dot of a line; a line of just "." ends the content. */
    private int decodeDotTerminated(byte[] data, int pos, int end, FrameSink sink) {
        byte[] out = new byte[Math.min(end - pos + 1, MAX_CHUNK + 1)];
        int outLength = 0;
        int p = pos;
        while (p < end && outLength < MAX_CHUNK) {
            byte b = data[p++];
            switch (dotState) {
                case LINE_START -> {
                    if (b == '.') {
                        dotState = DotState.DOT_AT_START;
                    } else {
                        out[outLength++] = b;
                        dotState = next(b);
                    }
                }
                case MID_LINE, AFTER_CR -> {
                    out[outLength++] = b;
                    dotState = next(b);
                }
                case DOT_AT_START -> {
                    if (b == '\r') {
                        dotState = DotState.DOT_CR;
                    } else if (b == '\n') {
                        return endOfDotContent(out, outLength, p, sink);
                    } else {
                        out[outLength++] = b;
                        dotState = next(b);
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        return endOfDotContent(out, outLength, p, sink);
                    }
                    // ".\r" then something else: the dot was stuffing; keep the CR.
                    out[outLength++] = '\r';
                    out[outLength++] = b;
                    dotState = b == '\r' ? DotState.AFTER_CR : DotState.MID_LINE;
                }
            }
        }
        if (outLength > 0) {
            sink.content(Arrays.copyOf(out, outLength), false);
        }
        return p;
    }

    private int endOfDotContent(byte[] out, int outLength, int p, FrameSink sink) {
        sink.content(Arrays.copyOf(out, outLength), true);
        mode = Mode.LINES;
        dotState = DotState.LINE_START;
        return p;
    }

    private static DotState next(byte b) {
        if (b == '\n') {
            return DotState.LINE_START;
        }
        return b == '\r' ? DotState.AFTER_CR : DotState.MID_LINE;
    }

    private static int indexOfLf(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
