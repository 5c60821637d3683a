package org.tern.smtp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken input: every case ends in a clear reply or a clean close, and the listener lives on. */
class SmtpRobustnessTest {

    @TempDir
    static Path dir;
    static SmtpTestServer server;

    @BeforeAll
    static void start() {
        server = SmtpTestServer.start(dir, Map.of("smtp.idle-timeout", "2s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** After each case the listener still serves a full transaction on a new connection. */
    @AfterEach
    void listenerStillServes() throws Exception {
        try (RawSmtpClient c = RawSmtpClient.connect(server.port("smtp"))) {
            assertThat(c.reply().code()).isEqualTo(220);
            assertThat(c.cmd("EHLO again.example").code()).isEqualTo(250);
            assertThat(c.cmd("MAIL FROM:<a@remote.example>").code()).isEqualTo(250);
            assertThat(c.cmd("RCPT TO:<alice@example.org>").code()).isEqualTo(250);
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            assertThat(c.cmd("Subject: still here\r\n\r\nok\r\n.").code()).isEqualTo(250);
            assertThat(c.cmd("QUIT").code()).isEqualTo(221);
        }
    }

    @Test
    void hundredKilobyteCommandLineIsRefusedAndTheSessionGoesOn() throws Exception {
        try (RawSmtpClient c = RawSmtpClient.connect(server.port("smtp"))) {
            c.reply();
            c.cmd("EHLO client.example");
            RawSmtpClient.Reply r = c.cmd("MAIL FROM:<" + "a".repeat(100 * 1024) + "@remote.example>");
            assertThat(r.last()).isEqualTo("500 5.5.2 Line too long");
            assertThat(c.cmd("NOOP").code()).isEqualTo(250);
            assertThat(c.cmd("MAIL FROM:<a@remote.example>").code()).isEqualTo(250);
        }
    }

    @Test
    void binaryGarbageAndNulBytesGetErrorsThenTooManyErrorsCloses() throws Exception {
        try (RawSmtpClient c = RawSmtpClient.connect(server.port("smtp"))) {
            c.reply();
            c.sendBytes(new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, '\r', '\n'});
            assertThat(c.reply().codes()).isEqualTo("500 5.5.2");
            c.sendBytes("EHLO a\0b\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(c.reply().code()).isEqualTo(250);
            c.sendBytes("MAIL FROM:<a\0@remote.example>\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(c.reply().code()).isEqualTo(501);
            // Random binary lines (no LF inside, so each is one line): 500 each, until the error limit closes.
            java.util.Random random = new java.util.Random(42);
            java.io.ByteArrayOutputStream junk = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 30; i++) {
                byte[] line = new byte[100];
                random.nextBytes(line);
                for (int j = 0; j < line.length; j++) {
                    line[j] = line[j] == '\n' ? 0 : line[j];
                }
                junk.write(line);
                junk.write('\r');
                junk.write('\n');
            }
            c.sendBytes(junk.toByteArray());
            RawSmtpClient.Reply last = null;
            for (RawSmtpClient.Reply r = c.reply(); r != null; r = c.reply()) {
                last = r;
                if (r.code() == 421) {
                    break;
                }
            }
            assertThat(last).isNotNull();
            assertThat(last.codes()).isEqualTo("421 4.7.0");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void disconnectMidDataLeavesNoMessage() throws Exception {
        int before = server.inboxCount(SmtpTestServer.BOB);
        try (RawSmtpClient c = RawSmtpClient.connect(server.port("smtp"))) {
            c.reply();
            c.cmd("EHLO client.example");
            c.cmd("MAIL FROM:<a@remote.example>");
            c.cmd("RCPT TO:<bob@example.org>");
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            c.send("Subject: cut off\r\n\r\n" + "partial body\r\n".repeat(1000));
        }
        assertThat(server.inboxCount(SmtpTestServer.BOB)).isEqualTo(before);
        assertThat(server.store.queue().list()).isEmpty();
        // The partial body is dropped from the staging folder as soon as the server sees the disconnect.
        long deadline = System.currentTimeMillis() + 5000;
        while (server.stagedFiles() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.stagedFiles()).isZero();
        assertThat(server.inboxCount(SmtpTestServer.BOB)).isEqualTo(before);
    }

    @Test
    void disconnectMidBdatLeavesNoMessage() throws Exception {
        int before = server.inboxCount(SmtpTestServer.BOB);
        try (RawSmtpClient c = RawSmtpClient.connect(server.port("smtp"))) {
            c.reply();
            c.cmd("EHLO client.example");
            c.cmd("MAIL FROM:<a@remote.example>");
            c.cmd("RCPT TO:<bob@example.org>");
            assertThat(c.cmd("BDAT 5\r\nabcde").code()).isEqualTo(250);
            c.send("BDAT 1000 LAST\r\nonly a part");
        }
        Thread.sleep(300);
        assertThat(server.inboxCount(SmtpTestServer.BOB)).isEqualTo(before);
    }

    @Test
    void storeFailureIs451AndTheListenerKeepsAnswering() throws Exception {
        try (SmtpTestServer broken = SmtpTestServer.start(dir.resolve("broken"))) {
            try (RawSmtpClient c = RawSmtpClient.connect(broken.port("smtp"))) {
                c.reply();
                c.cmd("EHLO client.example");
                c.cmd("MAIL FROM:<a@remote.example>");
                assertThat(c.cmd("RCPT TO:<bob@example.org>").code()).isEqualTo(250);
                assertThat(c.cmd("DATA").code()).isEqualTo(354);
                c.send("Subject: doomed\r\n\r\nbody\r\n");
                broken.store.close(); // the database goes away mid-transaction
                assertThat(c.cmd(".").codes()).isEqualTo("451 4.3.0");
                assertThat(c.cmd("NOOP").code()).isEqualTo(250);
            }
            try (RawSmtpClient c = RawSmtpClient.connect(broken.port("smtp"))) {
                assertThat(c.reply().code()).isEqualTo(220);
                assertThat(c.cmd("EHLO client.example").code()).isEqualTo(250);
                assertThat(c.cmd("MAIL FROM:<a@remote.example>").code()).isEqualTo(250);
                assertThat(c.cmd("RCPT TO:<bob@example.org>").codes()).isEqualTo("451 4.3.0");
                assertThat(c.cmd("QUIT").code()).isEqualTo(221);
            }
        }
    }

    @Test
    void startTlsInjectionIsDiscarded() throws Exception {
        try (RawSmtpClient c = RawSmtpClient.connect(server.port("submission"))) {
            c.reply();
            c.cmd("EHLO client.example");
            // CVE-2011-0411: commands pipelined in plaintext behind STARTTLS must not be executed after TLS.
            c.send("STARTTLS\r\nMAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.org>\r\n");
            assertThat(c.reply().codes()).isEqualTo("220 2.0.0");
            c.startTls();
            RawSmtpClient.Reply ehlo = c.cmd("EHLO client.example");
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.has("STARTTLS")).isFalse();
            assertThat(ehlo.has("AUTH")).isTrue();
            assertThat(c.cmd("NOOP").codes()).isEqualTo("250 2.0.0");
        }
    }

    @Test
    void startTlsInjectionOnPort25IsNotExecuted() throws Exception {
        try (RawSmtpClient c = RawSmtpClient.connect(server.port("smtp"))) {
            c.reply();
            c.cmd("EHLO client.example");
            c.send("STARTTLS\r\nEHLO evil.example\r\nMAIL FROM:<evil@remote.example>\r\n");
            assertThat(c.reply().codes()).isEqualTo("220 2.0.0");
            c.startTls();
            // Had the injected EHLO and MAIL run, this RCPT would be accepted; the first reply over TLS is ours.
            assertThat(c.cmd("RCPT TO:<bob@example.org>").codes()).isEqualTo("503 5.5.1");
            assertThat(c.cmd("MAIL FROM:<a@remote.example>").codes()).isEqualTo("503 5.5.1");
            assertThat(c.cmd("EHLO client.example").code()).isEqualTo(250);
            assertThat(c.cmd("MAIL FROM:<a@remote.example>").code()).isEqualTo(250);
        }
    }

    @Test
    void idleTimeoutSays421() throws Exception {
        try (RawSmtpClient c = RawSmtpClient.connect(server.port("smtp"))) {
            c.reply();
            c.cmd("EHLO client.example");
            RawSmtpClient.Reply r = c.reply();
            assertThat(r).isNotNull();
            assertThat(r.codes()).isEqualTo("421 4.4.2");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void dataCommandInWrongStateDoesNotSwallowInput() throws Exception {
        try (RawSmtpClient c = RawSmtpClient.connect(server.port("smtp"))) {
            c.reply();
            c.send("EHLO x\r\nDATA\r\nNOOP\r\n");
            assertThat(c.reply().code()).isEqualTo(250);
            assertThat(c.reply().codes()).isEqualTo("503 5.5.1");
            assertThat(c.reply().codes()).isEqualTo("250 2.0.0");
            c.send("STARTTLS\r\nNOOP\r\n");
            assertThat(c.reply().code()).isIn(220, 502);
        }
    }
}
