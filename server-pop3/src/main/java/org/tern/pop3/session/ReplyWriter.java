package org.tern.pop3.session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.tern.core.net.Connection;
import org.tern.pop3.reply.Pop3Reply;
import org.tern.pop3.transfer.ResponseOutput;

/**
 * Encodes replies onto the connection. Bytes are queued with {@link Connection#write} (one TCP write per
 * pipelined batch); once more than {@link #QUEUE_LIMIT} bytes are queued, the next chunk goes through
 * {@link Connection#writeStream}, which waits for the socket, so a client pipelining many RETRs cannot make us
 * buffer unboundedly.
 */
public final class ReplyWriter implements ResponseOutput {

    static final int QUEUE_LIMIT = 256 * 1024;

    private final Connection connection;
    private long queued;

    public ReplyWriter(Connection connection) {
        this.connection = connection;
    }

    public void reply(Pop3Reply reply) {
        byte[] b = reply.bytes();
        connection.write(b);
        queued += b.length;
    }

    /** A status line followed by lines (dot-stuffed) and the terminator. */
    public void multiline(Pop3Reply first, List<String> lines) {
        StringBuilder sb = new StringBuilder(first.line());
        for (String line : lines) {
            if (line.startsWith(".")) {
                sb.append('.');
            }
            sb.append(line).append("\r\n");
            if (sb.length() >= 64 * 1024) {
                writeText(sb);
                sb.setLength(0);
            }
        }
        sb.append(".\r\n");
        writeText(sb);
    }

    private void writeText(StringBuilder sb) {
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        try {
            writeBody(b, 0, b.length);
        } catch (IOException e) {
            // the connection is gone; onDisconnect follows
        }
    }

    /** A SASL continuation: {@code + base64}. */
    public void continuation(String base64) {
        byte[] b = ("+ " + base64 + "\r\n").getBytes(StandardCharsets.US_ASCII);
        connection.write(b);
        queued += b.length;
    }

    @Override
    public void writeBody(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
        if (queued + length > QUEUE_LIMIT) {
            connection.writeStream(new ByteArrayInputStream(copy), length);
            queued = 0;
        } else {
            connection.write(copy);
            queued += length;
        }
    }

    /** Sends queued replies now (from a thread outside the connection's batch, e.g. an auth completion). */
    public void flush() {
        connection.flush();
        queued = 0;
    }
}
