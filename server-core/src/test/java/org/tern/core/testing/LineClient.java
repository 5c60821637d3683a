package org.tern.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A raw socket client for protocol tests: send exact bytes, read CRLF lines, expect patterns, upgrade to TLS.
 * Reads time out (default 10 s) instead of hanging a test. Not thread-safe.
 */
public final class LineClient implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final String host;
    private final int port;

    private LineClient(Socket socket, String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        attach(socket);
    }

    public static LineClient connect(InetSocketAddress address) {
        return connect(address.getHostString(), address.getPort());
    }

    public static LineClient connect(String host, int port) {
        try {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), (int) DEFAULT_TIMEOUT.toMillis());
            s.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
            return new LineClient(s, host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /** Connects with implicit TLS (trusting any certificate) and completes the handshake. */
    public static LineClient connectTls(InetSocketAddress address) {
        try {
            SSLSocketFactory factory = TestTls.trustAllSocketFactory();
            SSLSocket s = (SSLSocket) factory.createSocket();
            s.setTcpNoDelay(true);
            s.connect(address, (int) DEFAULT_TIMEOUT.toMillis());
            s.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
            s.startHandshake();
            return new LineClient(s, address.getHostString(), address.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect with TLS to " + address, e);
        }
    }

    public LineClient timeout(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sends the UTF-8 bytes of {@code text} exactly (no CRLF added). */
    public LineClient send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public LineClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code line} followed by CRLF. */
    public LineClient sendLine(String line) {
        return send(line + "\r\n");
    }

    /** The next line without its CRLF (or LF); null at end of stream. Throws on timeout. */
    public String readLine() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, n, StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line from the server within the timeout", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one line and fails unless it matches {@code regex} entirely; returns the line. */
    public String expect(String regex) {
        String line = readLine();
        if (line == null || !Pattern.compile(regex, Pattern.DOTALL).matcher(line).matches()) {
            throw new AssertionError("expected a line matching <" + regex + "> but got <" + line + ">");
        }
        return line;
    }

    /** Reads lines until one matches {@code regex}; returns it. */
    public String expectEventually(String regex) {
        Pattern p = Pattern.compile(regex, Pattern.DOTALL);
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new AssertionError("connection closed before a line matching <" + regex + ">");
            }
            if (p.matcher(line).matches()) {
                return line;
            }
        }
    }

    /** Reads exactly {@code n} bytes. */
    public byte[] readBytes(int n) {
        try {
            byte[] bytes = in.readNBytes(n);
            if (bytes.length < n) {
                throw new AssertionError("connection closed after " + bytes.length + " of " + n + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if the server closes the connection (end of stream or reset) within the read timeout. */
    public boolean isClosedByServer() {
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Upgrades the connection to TLS (after the server said yes to STARTTLS), trusting any certificate. */
    public LineClient startTls() {
        try {
            SSLSocket tls = (SSLSocket) TestTls.trustAllSocketFactory().createSocket(socket, host, port, true);
            tls.setSoTimeout(socket.getSoTimeout());
            tls.startHandshake();
            attach(tls);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("TLS handshake failed", e);
        }
    }

    public Socket socket() {
        return socket;
    }

    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        this.in = new java.io.BufferedInputStream(s.getInputStream());
        this.out = s.getOutputStream();
    }
}
