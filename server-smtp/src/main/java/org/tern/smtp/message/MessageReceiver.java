package org.tern.smtp.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZonedDateTime;

import org.tern.store.blob.IncomingMessage;

/**
 * Streams DATA/BDAT content into an {@link IncomingMessage} as it arrives, after the trace fields, counting
 * client bytes against the size limit. Past the limit it keeps counting but stores nothing. With a
 * {@link HeaderCompletion} it first buffers the header block (up to a cap) so missing Message-ID/Date can be
 * added; the body is never buffered.
 */
public final class MessageReceiver {

    /** How the content ended. */
    public enum Status { COMPLETE, TOO_BIG, FAILED }

    private final IncomingMessage out;
    private final long limit;
    private final HeaderCompletion completion;
    private final int headerCap;
    private final ZonedDateTime now;
    private byte[] prefix;
    private ByteArrayOutputStream headerBuffer;
    private boolean lineStart = true;
    private long received;
    private Status status = Status.COMPLETE;
    private IOException failure;

    /**
     * @param prefix     trace fields written before the content
     * @param completion null when no header needs adding (port 25)
     */
    public MessageReceiver(IncomingMessage out, byte[] prefix, long limit, HeaderCompletion completion,
                           int headerCap, ZonedDateTime now) {
        this.out = out;
        this.limit = limit;
        this.completion = completion;
        this.headerCap = headerCap;
        this.now = now;
        this.prefix = prefix;
        if (completion != null) {
            headerBuffer = new ByteArrayOutputStream(4096);
        }
    }

    public void write(byte[] data, int offset, int length) {
        received += length;
        if (status != Status.COMPLETE) {
            return;
        }
        if (received > limit) {
            status = Status.TOO_BIG;
            out.discard();
            headerBuffer = null;
            return;
        }
        try {
            writePrefixOnce();
            if (headerBuffer == null) {
                out.write(data, offset, length);
                return;
            }
            int end = headerEnd(data, offset, length);
            int take = end < 0 ? length : end - offset;
            headerBuffer.write(data, offset, take);
            if (end >= 0 || headerBuffer.size() >= headerCap) {
                flushHeader();
                out.write(data, offset + take, length - take);
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Ends writing; the message is ready for delivery when the status is {@link Status#COMPLETE}. */
    public Status finish() {
        if (status == Status.COMPLETE) {
            try {
                writePrefixOnce();
                if (headerBuffer != null) {
                    flushHeader();
                }
                out.close();
            } catch (IOException e) {
                fail(e);
            }
        }
        return status;
    }

    /** Client bytes received (without the added fields). */
    public long receivedBytes() {
        return received;
    }

    public IncomingMessage message() {
        return out;
    }

    public IOException failure() {
        return failure;
    }

    public void discard() {
        out.discard();
    }

    private void fail(IOException e) {
        status = Status.FAILED;
        failure = e;
        headerBuffer = null;
        out.discard();
    }

    private void writePrefixOnce() throws IOException {
        if (prefix != null && headerBuffer == null) {
            out.write(prefix, 0, prefix.length);
            prefix = null;
        }
    }

    private void flushHeader() throws IOException {
        byte[] header = headerBuffer.toByteArray();
        headerBuffer = null;
        byte[] added = completion.missingFields(header, header.length, now);
        if (prefix != null) {
            out.write(prefix, 0, prefix.length);
            prefix = null;
        }
        out.write(added, 0, added.length);
        out.write(header, 0, header.length);
    }

    /** Index just after the empty line ending the header block, or -1 if not in this chunk. */
    private int headerEnd(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            if (b == '\n') {
                if (lineStart) {
                    return i + 1;
                }
                lineStart = true;
            } else if (b != '\r' || !lineStart) {
                lineStart = false;
            }
        }
        return -1;
    }
}
