package org.tern.smtp.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.tern.core.testing.TestTls;

/** A line-level SMTP client over a plain or TLS socket, for conversations the real clients cannot have. */
final class RawSmtpClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private RawSmtpClient(Socket socket) throws IOException {
        use(socket);
    }

    static RawSmtpClient connect(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(15000);
        return new RawSmtpClient(s);
    }

    static RawSmtpClient connectTls(int port) throws IOException {
        SSLSocket s = (SSLSocket) TestTls.trustAllContext().getSocketFactory().createSocket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(15000);
        s.startHandshake();
        return new RawSmtpClient(s);
    }

    private void use(Socket s) throws IOException {
        this.socket = s;
        this.in = new BufferedInputStream(s.getInputStream());
        this.out = s.getOutputStream();
    }

    /** Upgrades the current connection (after the server's 220 to STARTTLS). */
    void startTls() throws IOException {
        SSLSocket s = (SSLSocket) TestTls.trustAllContext().getSocketFactory()
                .createSocket(socket, "127.0.0.1", socket.getPort(), true);
        s.setSoTimeout(15000);
        s.startHandshake();
        use(s);
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Sends a line with CRLF and reads the whole reply. */
    Reply cmd(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    void send(String raw) throws IOException {
        sendBytes(raw.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Reads one (possibly multi-line) reply; null at end of stream. */
    Reply reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                return lines.isEmpty() ? null : new Reply(lines);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(lines);
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    /** True when the server closed the connection (reads EOF within the timeout). */
    boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One server reply. */
    record Reply(List<String> lines) {

        int code() {
            return Integer.parseInt(lines.get(0).substring(0, 3));
        }

        /** The last line (which carries the text of single-line replies). */
        String last() {
            return lines.get(lines.size() - 1);
        }

        /** {@code "550 5.1.1"}: the code and the enhanced status code of the last line. */
        String codes() {
            String l = last();
            int sp = l.indexOf(' ', 4);
            return sp < 0 ? l : l.substring(0, sp);
        }

        boolean has(String keyword) {
            return lines.stream().anyMatch(l -> l.substring(4).equalsIgnoreCase(keyword)
                    || l.substring(4).toUpperCase().startsWith(keyword.toUpperCase() + " "));
        }

        @Override
        public String toString() {
            return String.join("\n", lines);
        }
    }
}
