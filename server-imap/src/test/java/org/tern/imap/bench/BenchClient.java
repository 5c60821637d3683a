package org.tern.imap.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A blocking IMAP client for the benchmark: sends a tagged command and reads to its tagged reply, counting
 * bytes and skipping literals without keeping them (so a 30 MB BODY[] does not sit in the client's heap).
 */
final class BenchClient implements AutoCloseable {

    /** What one command returned: the tagged line, untagged lines seen (kept only on request), bytes read. */
    record Reply(String tagged, long bytes, long untaggedLines, long literalBytes, long nanos, List<String> kept) {
        boolean ok() {
            return tagged.split(" ", 3)[1].equals("OK");
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] lineBuf = new byte[1 << 20];
    private final byte[] skipBuf = new byte[64 * 1024];
    private final byte[] buf = new byte[64 * 1024];
    private int bufPos;
    private int bufLen;
    private int tagCounter;
    private long bytesRead;

    BenchClient(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(300_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        readLine(); // greeting
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    Reply command(String command) throws IOException {
        return command(command, false, null);
    }

    /** Sends {@code command}; {@code keep} keeps untagged lines; {@code onLine} sees each untagged line. */
    Reply command(String command, boolean keep, Consumer<String> onLine) throws IOException {
        String tag = "b" + (++tagCounter);
        long start = System.nanoTime();
        long before = bytesRead;
        send(tag + " " + command);
        List<String> kept = new ArrayList<>();
        long lines = 0;
        long literal = 0;
        while (true) {
            String line = readLine();
            // a line ending in {n} announces n literal bytes, followed by the rest of the response line
            while (line.endsWith("}") && line.lastIndexOf('{') >= 0) {
                long n = Long.parseLong(line.substring(line.lastIndexOf('{') + 1, line.length() - 1));
                skip(n);
                literal += n;
                line = line.substring(0, line.lastIndexOf('{')) + "<" + n + " bytes>" + readLine();
            }
            if (line.startsWith(tag + " ")) {
                return new Reply(line, bytesRead - before, lines, literal, System.nanoTime() - start, kept);
            }
            lines++;
            if (keep) {
                kept.add(line);
            }
            if (onLine != null) {
                onLine.accept(line);
            }
        }
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One byte from our own buffer (BufferedInputStream.read() locks per byte: too slow for 5 MB replies). */
    private int read() throws IOException {
        if (bufPos == bufLen) {
            bufLen = in.read(buf, 0, buf.length);
            bufPos = 0;
            if (bufLen <= 0) {
                bufLen = 0;
                return -1;
            }
        }
        return buf[bufPos++] & 0xff;
    }

    /** The next line without CRLF. */
    String readLine() throws IOException {
        int n = 0;
        while (true) {
            int c = read();
            if (c < 0) {
                throw new EOFException("server closed the connection");
            }
            bytesRead++;
            if (c == '\n') {
                int end = n > 0 && lineBuf[n - 1] == '\r' ? n - 1 : n;
                return new String(lineBuf, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (n == lineBuf.length) {
                throw new IOException("line longer than " + lineBuf.length);
            }
            lineBuf[n++] = (byte) c;
        }
    }

    private void skip(long n) throws IOException {
        long left = n;
        int buffered = (int) Math.min(left, bufLen - bufPos);
        bufPos += buffered;
        left -= buffered;
        bytesRead += buffered;
        while (left > 0) {
            int r = in.read(skipBuf, 0, (int) Math.min(skipBuf.length, left));
            if (r < 0) {
                throw new EOFException("literal cut short");
            }
            left -= r;
            bytesRead += r;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
