package org.tern.pop3.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A line-level POP3 client for tests: sends raw bytes, reads CRLF lines, optionally over TLS. */
final class RawPop3Client implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawPop3Client(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(15_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static RawPop3Client tls(InetSocketAddress address, SSLContext context) throws IOException {
        RawPop3Client c = new RawPop3Client(address);
        c.upgrade(context);
        return c;
    }

    /** Starts TLS on the existing connection (after +OK to STLS, or at once for implicit TLS). */
    void upgrade(SSLContext context) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        ssl.setUseClientMode(true);
        ssl.startHandshake();
        socket = ssl;
        in = new BufferedInputStream(ssl.getInputStream());
        out = ssl.getOutputStream();
    }

    void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A line without CRLF, or null at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] line = b.toByteArray();
                int len = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
                return new String(line, 0, len, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    /** Sends a command and returns the status line. */
    String command(String line) throws IOException {
        send(line);
        return readLine();
    }

    /** The lines of a multi-line body up to the terminating ".", still dot-stuffed. */
    List<String> readMultiline() throws IOException {
        List<String> lines = new ArrayList<>();
        String l;
        while ((l = readLine()) != null && !l.equals(".")) {
            lines.add(l);
        }
        if (l == null) {
            throw new IOException("connection closed inside a multi-line response");
        }
        return lines;
    }

    /** The raw bytes of a multi-line body including the terminator, exactly as sent. */
    byte[] readMultilineRaw() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        long window = 0; // the last five bytes, newest lowest
        int count = 0;
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            count++;
            window = (window << 8 | c) & 0xFF_FFFF_FFFFL;
            if (count == 3 && (window & 0xFF_FFFFL) == 0x2E0D0AL) {
                return b.toByteArray();
            }
            if (count >= 5 && window == 0x0D0A2E0D0AL) {
                return b.toByteArray();
            }
        }
        throw new IOException("connection closed inside a multi-line response");
    }

    /** True if the server closed the connection (reads to end of stream). */
    boolean isClosedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
