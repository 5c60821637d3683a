package org.tern.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tern.core.testing.LineClient;
import org.tern.core.testing.TestServerContext;
import org.tern.core.testing.TestTls;
import org.tern.core.tls.SelfSignedCertificate;

class TlsListenerTest {

    private TestServerContext ctx;
    private NetworkServer server;
    private BoundListener plain;
    private BoundListener implicit;

    @BeforeEach
    void start() {
        ctx = TestServerContext.create();
        server = new NetworkServer(ctx.context());
        TestProtocol protocol = new TestProtocol(ctx.scheduler());
        plain = server.bind(ctx.spec("submission"), protocol);
        implicit = server.bind(ctx.spec("smtps"), protocol);
    }

    @AfterEach
    void stop() {
        server.close();
        ctx.close();
    }

    @Test
    void startTlsDiscardsPipelinedPlaintext() {
        try (LineClient c = LineClient.connect(plain.boundAddress())) {
            c.expect("\\+OK ready");
            c.sendLine("SECURE").expect("\\+OK secure=false");
            // CVE-2011-0411: the injected command must not run inside the TLS session.
            c.send("STARTTLS\r\nECHO injected\r\n");
            c.expect("\\+OK begin TLS");
            c.startTls();
            c.sendLine("SECURE").expect("\\+OK secure=true");
            c.sendLine("ECHO after").expect("\\+OK 10:ECHO after");
        }
        assertThat(handshakes("submission", "ok")).isEqualTo(1.0);
    }

    @Test
    void startTlsDropsPipelinedLinesEvenIfTheFramingDidNotPause() {
        try (LineClient c = LineClient.connect(plain.boundAddress())) {
            c.expect("\\+OK ready");
            c.send("NPSTARTTLS\r\nECHO injected\r\n");
            c.expect("\\+OK begin TLS");
            c.startTls();
            c.sendLine("ECHO after").expect("\\+OK 10:ECHO after");
        }
    }

    @Test
    void implicitTlsGreetsAfterHandshake() {
        try (LineClient c = LineClient.connectTls(implicit.boundAddress())) {
            c.expect("\\+OK ready");
            c.sendLine("SECURE").expect("\\+OK secure=true");
            assertThat(((SSLSocket) c.socket()).getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void quitAndStreamingOverTls() {
        int n = 3_000_000;
        try (LineClient c = LineClient.connectTls(implicit.boundAddress())) {
            c.expect("\\+OK ready");
            c.sendLine("BIG " + n).expect("\\+OK big " + n);
            byte[] body = c.readBytes(n);
            assertThat(body[n - 1]).isEqualTo(TestProtocol.PatternStream.at(n - 1));
            c.expect("");
            c.expect("\\+OK end");
            c.sendLine("QUIT").expect("\\+OK bye");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void dataAfterStartTls() {
        try (LineClient c = LineClient.connect(plain.boundAddress())) {
            c.expect("\\+OK ready");
            c.sendLine("STARTTLS").expect("\\+OK begin TLS");
            c.startTls();
            c.send("DATA\r\nhello\r\n..\r\n.\r\nECHO x\r\n");
            c.expect("\\+OK 354 go");
            c.expect("\\+OK content 10 hello\\\\r\\\\n\\.\\\\r\\\\n");
            c.expect("\\+OK 6:ECHO x");
        }
    }

    @Test
    void tls12IsAccepted() throws Exception {
        try (SSLSocket s = (SSLSocket) TestTls.trustAllSocketFactory().createSocket("127.0.0.1", implicit.boundAddress().getPort())) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setSoTimeout(10_000);
            s.startHandshake();
            assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
            byte[] greeting = s.getInputStream().readNBytes(11);
            assertThat(new String(greeting, StandardCharsets.US_ASCII)).isEqualTo("+OK ready\r\n");
        }
    }

    @Test
    void tls11IsRefusedEvenWhenTheJvmWouldAllowIt() throws Exception {
        assumeTrue(new File("/usr/bin/openssl").canExecute(), "openssl not installed");
        int port = implicit.boundAddress().getPort();
        Process p = new ProcessBuilder("/usr/bin/openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_1",
                "-cipher", "DEFAULT:@SECLEVEL=0").redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isNotZero();
        assertThat(output).doesNotContain("+OK ready");
        assertStillServes(implicit.boundAddress());
    }

    @Test
    void plaintextOnImplicitTlsPortIsClosedAndCountedAsFailure() throws Exception {
        try (LineClient c = LineClient.connect(implicit.boundAddress())) {
            c.send("EHLO plain\r\n");
            assertThat(c.isClosedByServer()).isTrue();
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (handshakes("smtps", "failed") < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(handshakes("smtps", "failed")).isEqualTo(1.0);
        assertStillServes(implicit.boundAddress());
    }

    @Test
    void renewedCertificateIsUsedByNewConnections() throws Exception {
        X509Certificate before = serverCertificate();
        assertThat(before.getSubjectX500Principal().getName()).contains("CN=localhost");
        SelfSignedCertificate.generate("renewed.example", ctx.dataDir().resolve("tls/cert.pem"), ctx.dataDir().resolve("tls/key.pem"));
        long deadline = System.currentTimeMillis() + 10_000;
        X509Certificate after = before;
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            after = serverCertificate();
            if (!after.equals(before)) {
                break;
            }
        }
        assertThat(after.getSubjectX500Principal().getName()).contains("CN=renewed.example");
    }

    @Test
    void brokenRenewalKeepsTheOldCertificate() throws Exception {
        X509Certificate before = serverCertificate();
        java.nio.file.Files.writeString(ctx.dataDir().resolve("tls/cert.pem"), "-----BEGIN CERTIFICATE-----\nbroken\n");
        Thread.sleep(400);
        assertThat(serverCertificate()).isEqualTo(before);
    }

    private X509Certificate serverCertificate() throws Exception {
        try (LineClient c = LineClient.connectTls(implicit.boundAddress())) {
            c.expect("\\+OK ready");
            return (X509Certificate) ((SSLSocket) c.socket()).getSession().getPeerCertificates()[0];
        }
    }

    private double handshakes(String listener, String result) {
        return ctx.registry().get("tern.tls.handshakes").tag("listener", listener).tag("result", result).counter().count();
    }

    private static void assertStillServes(InetSocketAddress address) {
        try (LineClient c = LineClient.connectTls(address)) {
            c.expect("\\+OK ready");
            c.sendLine("ECHO alive").expect("\\+OK 10:ECHO alive");
        }
    }
}
