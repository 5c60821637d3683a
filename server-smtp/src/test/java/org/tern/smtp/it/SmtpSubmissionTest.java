package org.tern.smtp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.core.testing.TestTls;
import org.tern.store.queue.QueueEntry;

/** Submission on 587 (STARTTLS) and 465 (implicit TLS) with Angus Mail, plus the AUTH rules over raw sockets. */
class SmtpSubmissionTest {

    @TempDir
    static Path dir;
    static SmtpTestServer server;

    @BeforeAll
    static void start() {
        server = SmtpTestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Session mailSession(String listener) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(server.port(listener)));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.ssl.trust", "*");
        p.put("mail.smtp.ssl.checkserveridentity", "false");
        p.put("mail.smtp.ssl.socketFactory", TestTls.trustAllContext().getSocketFactory());
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        if (listener.equals("smtps")) {
            p.put("mail.smtp.ssl.enable", "true");
        } else {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        return Session.getInstance(p);
    }

    static void send(String listener, MimeMessage m) throws MessagingException {
        try (Transport t = m.getSession().getTransport("smtp")) {
            t.connect(SmtpTestServer.ALICE, SmtpTestServer.PASSWORD);
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    static MimeMessage message(Session s, String from, String subject, String text, String... to) throws Exception {
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress(from));
        for (String t : to) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(t));
        }
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        return m;
    }

    @Test
    void startTlsAndAuthOn587DeliversLocallyAndQueuesRemote() throws Exception {
        Session s = mailSession("submission");
        int bob = server.inboxCount(SmtpTestServer.BOB);
        int queued = server.store.queue().list().size();
        MimeMessage m = message(s, SmtpTestServer.ALICE, "via 587", "hello bob",
                SmtpTestServer.BOB, "friend@remote.example");
        send("submission", m);
        assertThat(server.inboxCount(SmtpTestServer.BOB)).isEqualTo(bob + 1);
        assertThat(server.store.queue().list()).hasSize(queued + 1);
        QueueEntry e = server.store.queue().list().get(queued);
        assertThat(e.envelopeFrom()).isEqualTo(SmtpTestServer.ALICE);
        assertThat(e.recipients()).extracting(r -> r.address()).containsExactly("friend@remote.example");
        String stored = new String(server.inbox(SmtpTestServer.BOB).get(bob), StandardCharsets.UTF_8);
        assertThat(stored).contains("with ESMTPSA id").contains("Subject: via 587");
    }

    @Test
    void implicitTlsOn465() throws Exception {
        Session s = mailSession("smtps");
        int bob = server.inboxCount(SmtpTestServer.BOB);
        send("smtps", message(s, "al@example.org", "via 465", "from my alias", SmtpTestServer.BOB));
        assertThat(server.inboxCount(SmtpTestServer.BOB)).isEqualTo(bob + 1);
    }

    @Test
    void eightBitAndUtf8Addresses() throws Exception {
        // The directory holds ASCII names only: a UTF-8 recipient here is a remote one (queued, RFC 6531).
        Session s = mailSession("submission");
        s.getProperties().put("mail.mime.allowutf8", "true");
        int bob = server.inboxCount(SmtpTestServer.BOB);
        int queued = server.store.queue().list().size();
        MimeMessage m = message(s, SmtpTestServer.ALICE, "Grüße ✓", "Ünïcödé body ✓ 8-bit",
                SmtpTestServer.BOB, "jöran@exämple.example");
        m.setHeader("Content-Transfer-Encoding", "8bit");
        send("submission", m);
        assertThat(server.inboxCount(SmtpTestServer.BOB)).isEqualTo(bob + 1);
        String stored = new String(server.inbox(SmtpTestServer.BOB).get(bob), StandardCharsets.UTF_8);
        assertThat(stored).contains("Ünïcödé body ✓ 8-bit").contains("with UTF8SMTPSA").contains("jöran@exämple.example");
        QueueEntry e = server.store.queue().list().get(queued);
        assertThat(e.recipients()).extracting(r -> r.address()).containsExactly("jöran@exämple.example");
    }

    @Test
    void utf8AddressesOverRawSmtp() throws Exception {
        try (RawSmtpClient c = RawSmtpClient.connect(server.port("smtp"))) {
            c.reply();
            c.cmd("EHLO client.example");
            // Without SMTPUTF8 a non-ASCII address is refused (RFC 6531 §3.4).
            assertThat(c.cmd("MAIL FROM:<jöran@remote.example>").codes()).isEqualTo("553 5.6.7");
            assertThat(c.cmd("MAIL FROM:<jöran@remote.example> SMTPUTF8 BODY=8BITMIME").codes()).isEqualTo("250 2.1.0");
            // A UTF-8 local part in a local domain is an unknown user, not a store error.
            assertThat(c.cmd("RCPT TO:<jöran@example.org>").codes()).isEqualTo("550 5.1.1");
            assertThat(c.cmd("RCPT TO:<\"quoted user\"@example.org>").codes()).isEqualTo("550 5.1.1");
            assertThat(c.cmd("RCPT TO:<bob@example.org>").codes()).isEqualTo("250 2.1.5");
            int bob = server.inboxCount(SmtpTestServer.BOB);
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            c.sendBytes("Subject: =?utf-8?q?8bit?=\r\n\r\n\u00e9t\u00e9 \u2713 \u00ff\r\n.\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(c.reply().codes()).isEqualTo("250 2.0.0");
            String stored = new String(server.inbox(SmtpTestServer.BOB).get(bob), StandardCharsets.UTF_8);
            assertThat(stored).startsWith("Return-Path: <jöran@remote.example>\r\n")
                    .contains("with UTF8SMTP id").endsWith("\r\n\r\n\u00e9t\u00e9 \u2713 \u00ff\r\n");
        }
    }

    @Test
    void thirtyMegabyteMessage() throws Exception {
        Session s = mailSession("submission");
        int bob = server.inboxCount(SmtpTestServer.BOB);
        StringBuilder sb = new StringBuilder(31 * 1024 * 1024);
        String line = "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\r\n";
        while (sb.length() < 30 * 1024 * 1024) {
            sb.append(line);
        }
        MimeMessage m = message(s, SmtpTestServer.ALICE, "big", "", SmtpTestServer.BOB);
        m.setText(sb.toString(), "US-ASCII");
        m.setHeader("Content-Transfer-Encoding", "7bit");
        send("submission", m);
        assertThat(server.inboxCount(SmtpTestServer.BOB)).isEqualTo(bob + 1);
        long size = server.store.messages().list(server.store.mailboxes()
                .find(server.accountId(SmtpTestServer.BOB), "INBOX").orElseThrow().id(), org.tern.store.UidSet.ALL)
                .get(bob).size();
        assertThat(size).isGreaterThan(30L * 1024 * 1024);
    }

    @Test
    void linesStartingWithDotsSurvive() throws Exception {
        Session s = mailSession("submission");
        int bob = server.inboxCount(SmtpTestServer.BOB);
        String text = ".\r\n..\r\n.leading\r\n. space\r\nend\r\n";
        MimeMessage m = message(s, SmtpTestServer.ALICE, "dots", text, SmtpTestServer.BOB);
        send("submission", m);
        String stored = new String(server.inbox(SmtpTestServer.BOB).get(bob), StandardCharsets.UTF_8);
        assertThat(stored).endsWith("\r\n\r\n" + text);
    }

    @Test
    void addsMessageIdAndDateWhenMissing() throws Exception {
        int bob = server.inboxCount(SmtpTestServer.BOB);
        try (RawSmtpClient c = loggedIn()) {
            c.cmd("MAIL FROM:<alice@example.org>");
            c.cmd("RCPT TO:<bob@example.org>");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: bare\r\n\r\nno id\r\n.").code()).isEqualTo(250);
        }
        String stored = new String(server.inbox(SmtpTestServer.BOB).get(bob), StandardCharsets.UTF_8);
        assertThat(stored).containsPattern("\r\nMessage-ID: <[^>]+@" + SmtpTestServer.HOST + ">\r\n")
                .containsPattern("\r\nDate: \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\r\n")
                .endsWith("Subject: bare\r\n\r\nno id\r\n");
    }

    @Test
    void authRulesAndCodes() throws Exception {
        try (RawSmtpClient c = RawSmtpClient.connect(server.port("submission"))) {
            c.reply();
            RawSmtpClient.Reply ehlo = c.cmd("EHLO client.example");
            assertThat(ehlo.has("STARTTLS")).isTrue();
            assertThat(ehlo.has("AUTH")).isFalse();
            assertThat(c.cmd("AUTH PLAIN " + plain("alice@example.org", SmtpTestServer.PASSWORD)).codes())
                    .isEqualTo("530 5.7.0");
            assertThat(c.cmd("MAIL FROM:<alice@example.org>").codes()).isEqualTo("530 5.7.0");
        }
        try (RawSmtpClient c = RawSmtpClient.connectTls(server.port("smtps"))) {
            c.reply();
            assertThat(c.cmd("EHLO client.example").has("AUTH")).isTrue();
            assertThat(c.cmd("MAIL FROM:<alice@example.org>").codes()).isEqualTo("530 5.7.0");
            assertThat(c.cmd("AUTH PLAIN " + plain("alice@example.org", "wrong")).codes()).isEqualTo("535 5.7.8");
            assertThat(c.cmd("AUTH CRAM-MD5").codes()).isEqualTo("504 5.5.4");
            assertThat(c.cmd("AUTH PLAIN").code()).isEqualTo(334);
            assertThat(c.cmd("*").code()).isEqualTo(501);
            assertThat(c.cmd("AUTH LOGIN").code()).isEqualTo(334);
            assertThat(c.cmd(b64("alice@example.org")).code()).isEqualTo(334);
            assertThat(c.cmd(b64(SmtpTestServer.PASSWORD)).codes()).isEqualTo("235 2.7.0");
            assertThat(c.cmd("AUTH PLAIN " + plain("alice@example.org", SmtpTestServer.PASSWORD)).codes())
                    .isEqualTo("503 5.5.1");
            assertThat(c.cmd("MAIL FROM:<bob@example.org>").codes()).isEqualTo("553 5.7.1");
            assertThat(c.cmd("MAIL FROM:<sales@example.org>").codes()).isEqualTo("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<anyone@remote.example> NOTIFY=FAILURE").codes()).isEqualTo("250 2.1.5");
            assertThat(c.cmd("RSET").code()).isEqualTo(250);
            assertThat(c.cmd("MAIL FROM:<al@example.org>").codes()).isEqualTo("250 2.1.0");
        }
    }

    @Test
    void authFailuresAreThrottledButTheRightPasswordStillWorks() throws Exception {
        try (RawSmtpClient c = RawSmtpClient.connectTls(server.port("smtps"))) {
            c.reply();
            c.cmd("EHLO client.example");
            long[] took = new long[4];
            for (int i = 0; i < took.length; i++) {
                long t0 = System.nanoTime();
                assertThat(c.cmd("AUTH PLAIN " + plain("bob@example.org", "guess" + i)).codes()).isEqualTo("535 5.7.8");
                took[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            System.out.println("SMTP AUTH failure delays (ms): " + java.util.Arrays.toString(took));
            assertThat(c.cmd("AUTH PLAIN " + plain("bob@example.org", SmtpTestServer.PASSWORD)).codes())
                    .isEqualTo("235 2.7.0");
        }
    }

    @Test
    void authLoginWithInitialResponseAndBannedIp() throws Exception {
        try (RawSmtpClient c = RawSmtpClient.connectTls(server.port("smtps"))) {
            c.reply();
            c.cmd("EHLO client.example");
            // RFC 4954 §4: the initial response is the first LOGIN answer (the user name).
            assertThat(c.cmd("AUTH LOGIN " + b64(SmtpTestServer.ALICE)).code()).isEqualTo(334);
            assertThat(c.cmd("*").codes()).isEqualTo("501 5.0.0");
            assertThat(c.cmd("AUTH PLAIN not-base64!").codes()).isEqualTo("501 5.5.2");
            server.auth.ban("127.0.0.1");
            try {
                assertThat(c.cmd("AUTH PLAIN " + plain(SmtpTestServer.ALICE, SmtpTestServer.PASSWORD)).codes())
                        .isEqualTo("454 4.7.0");
            } finally {
                server.auth.unban("127.0.0.1");
            }
            assertThat(c.cmd("AUTH LOGIN " + b64(SmtpTestServer.ALICE)).code()).isEqualTo(334);
            assertThat(c.cmd(b64(SmtpTestServer.PASSWORD)).codes()).isEqualTo("235 2.7.0");
        }
    }

    @Test
    void authPipelinedWithTheTransactionWaitsForTheVerdict() throws Exception {
        int bob = server.inboxCount(SmtpTestServer.BOB);
        try (RawSmtpClient c = RawSmtpClient.connectTls(server.port("smtps"))) {
            c.reply();
            c.cmd("EHLO client.example");
            // The MAIL behind AUTH must not be judged before the (asynchronous) password check has answered.
            c.send("AUTH PLAIN " + plain(SmtpTestServer.ALICE, SmtpTestServer.PASSWORD) + "\r\nMAIL FROM:<alice@example.org>\r\n"
                    + "RCPT TO:<bob@example.org>\r\nDATA\r\n");
            assertThat(c.reply().codes()).isEqualTo("235 2.7.0");
            assertThat(c.reply().codes()).isEqualTo("250 2.1.0");
            assertThat(c.reply().codes()).isEqualTo("250 2.1.5");
            assertThat(c.reply().code()).isEqualTo(354);
            c.send("Subject: pipelined auth\r\n\r\nx\r\n.\r\nQUIT\r\n");
            assertThat(c.reply().codes()).isEqualTo("250 2.0.0");
            assertThat(c.reply().codes()).isEqualTo("221 2.0.0");
        }
        assertThat(server.inboxCount(SmtpTestServer.BOB)).isEqualTo(bob + 1);
    }

    @Test
    void senderMustBeOwned() throws Exception {
        Session s = mailSession("submission");
        MimeMessage m = message(s, "bob@example.org", "spoof", "x", SmtpTestServer.BOB);
        assertThatThrownBy(() -> send("submission", m)).isInstanceOf(MessagingException.class)
                .hasStackTraceContaining("553");
    }

    private static RawSmtpClient loggedIn() throws Exception {
        RawSmtpClient c = RawSmtpClient.connectTls(server.port("smtps"));
        c.reply();
        c.cmd("EHLO client.example");
        assertThat(c.cmd("AUTH PLAIN " + plain(SmtpTestServer.ALICE, SmtpTestServer.PASSWORD)).code()).isEqualTo(235);
        return c;
    }

    static String plain(String user, String password) {
        return b64("\0" + user + "\0" + password);
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
