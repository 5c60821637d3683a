package org.tern.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tern.imap.testing.ImapTestServer;
import org.tern.imap.testing.RawImapClient;

/** Bad input gets BAD or a clean close and the listener keeps serving; STARTTLS and implicit TLS work. */
class RobustnessAndTlsTest {

    private static ImapTestServer server;

    @BeforeAll
    static void start() {
        server = new ImapTestServer(Map.of("limits.line-bytes", "1K"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawImapClient client() {
        RawImapClient c = new RawImapClient(server.port());
        c.expect("\\* OK .*");
        return c;
    }

    private static void listenerStillServes() {
        try (RawImapClient c = client()) {
            assertThat(c.command("z", "LOGIN " + ImapTestServer.USER + " " + ImapTestServer.PASSWORD))
                    .last().asString().startsWith("z OK");
        }
    }

    @Test
    void overlongLineIsRefusedAndTheSessionContinues() {
        try (RawImapClient c = client()) {
            c.send("a1 LOGIN " + "x".repeat(5000) + " y");
            c.expect("\\* BAD .*");
            assertThat(c.command("a2", "NOOP")).last().asString().startsWith("a2 OK");
        }
        listenerStillServes();
    }

    @Test
    void garbageAndNulBytesGetBad() {
        try (RawImapClient c = client()) {
            c.sendRaw(new byte[] {'a', ' ', 0, 1, 2, (byte) 0xff, '\r', '\n'});
            c.expect("a BAD .*");
            c.sendRaw(new byte[] {0, 0, 0, '\r', '\n'});
            c.expect("\\* BAD .*");
            assertThat(c.command("a3", "CAPABILITY")).last().asString().startsWith("a3 OK");
        }
        listenerStillServes();
    }

    @Test
    void hugeNonSynchronizingLiteralClosesTheConnection() {
        try (RawImapClient c = client()) {
            c.send("a1 LOGIN {4294967296+}");
            c.expect("a1 BAD .*");
            c.expect("\\* BYE .*");
            assertThat(c.isClosedByServer()).isTrue();
        }
        listenerStillServes();
    }

    @Test
    void unterminatedLiteralThenDisconnectLeavesTheServerHealthy() {
        try (RawImapClient c = client()) {
            c.command("a0", "LOGIN " + ImapTestServer.USER + " " + ImapTestServer.PASSWORD);
            c.send("a1 APPEND INBOX {1000}");
            c.expect("\\+ .*");
            c.sendRaw("only a few bytes".getBytes(StandardCharsets.US_ASCII));
        }
        listenerStillServes();
    }

    @Test
    void manyBadCommandsEndTheSession() {
        try (RawImapClient c = client()) {
            for (int i = 0; i < 20; i++) {
                c.send("x" + i + " BOGUS");
                c.expect("x" + i + " BAD .*");
            }
            c.expect("\\* BYE .*");
            assertThat(c.isClosedByServer()).isTrue();
        }
        listenerStillServes();
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return ctx;
    }

    @Test
    void startTlsUpgradesAndLoginWorksOverTls() throws Exception {
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", server.port())) {
            plain.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = plain.getOutputStream();
            assertThat(in.readLine()).contains("STARTTLS");
            out.write("t1 STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).startsWith("t1 OK");
            try (SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(plain, "localhost",
                    server.port(), true)) {
                tls.startHandshake();
                BufferedReader tin = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8));
                OutputStream tout = tls.getOutputStream();
                tout.write("t2 CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
                tout.flush();
                String caps = tin.readLine();
                assertThat(caps).startsWith("* CAPABILITY").doesNotContain("STARTTLS").contains("AUTH=PLAIN");
                assertThat(tin.readLine()).startsWith("t2 OK");
                tout.write(("t3 LOGIN " + ImapTestServer.USER + " " + ImapTestServer.PASSWORD + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                tout.flush();
                assertThat(tin.readLine()).startsWith("t3 OK");
            }
        }
    }

    @Test
    void implicitTlsListenerServesImaps() throws Exception {
        try (SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", server.tlsPort())) {
            tls.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("* OK").doesNotContain("STARTTLS").doesNotContain("LOGINDISABLED");
        }
    }

    @Test
    void plaintextLoginRefusedWhenLoopbackIsNotTrusted() {
        try (ImapTestServer strict = new ImapTestServer(Map.of("auth.plaintext-on-loopback", "false"));
             RawImapClient c = new RawImapClient(strict.port())) {
            assertThat(c.readLine()).contains("LOGINDISABLED").doesNotContain("AUTH=");
            List<String> r = c.command("a", "LOGIN " + ImapTestServer.USER + " " + ImapTestServer.PASSWORD);
            assertThat(r).last().asString().startsWith("a NO [PRIVACYREQUIRED]");
        }
    }
}
