package org.tern.smtp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Port 25 over raw sockets: delivery read back byte for byte, pipelining, aliases, the reply codes. */
class SmtpMxTest {

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

    private RawSmtpClient connect() throws Exception {
        RawSmtpClient c = RawSmtpClient.connect(server.port("smtp"));
        assertThat(c.reply().last()).isEqualTo("220 " + SmtpTestServer.HOST + " ESMTP");
        return c;
    }

    @Test
    void ehloOffersTheExtensionsButNoAuthOnPort25() throws Exception {
        try (RawSmtpClient c = connect()) {
            RawSmtpClient.Reply ehlo = c.cmd("EHLO client.example");
            assertThat(ehlo.code()).isEqualTo(250);
            for (String k : List.of("PIPELINING", "SIZE", "8BITMIME", "ENHANCEDSTATUSCODES", "SMTPUTF8", "CHUNKING", "DSN")) {
                assertThat(ehlo.has(k)).as(k).isTrue();
            }
            assertThat(ehlo.has("AUTH")).isFalse();
            assertThat(c.cmd("AUTH PLAIN AGFsaWNlAHg=").codes()).isEqualTo("503 5.5.1");
            assertThat(c.cmd("QUIT").codes()).isEqualTo("221 2.0.0");
        }
        assertThat(server.counter("tern_commands", "protocol", "smtp", "verb", "EHLO")).isGreaterThan(0);
        assertThat(server.counter("tern_commands", "protocol", "smtp", "verb", "AUTH")).isGreaterThan(0);
    }

    @Test
    void angusMailDeliversToSeveralRecipientsOnPort25() throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(server.port("smtp")));
        p.put("mail.smtp.localhost", "angus.example");
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(p);
        jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(session);
        m.setFrom("Remote Sender <sender@remote.example>");
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, "alice@example.org, bob@example.org");
        m.setRecipients(jakarta.mail.Message.RecipientType.CC, "sales@example.org");
        m.setSubject("to several");
        m.setText("hello all\n.\n..two dots\n");
        int alice = server.inboxCount(SmtpTestServer.ALICE);
        int bob = server.inboxCount(SmtpTestServer.BOB);
        jakarta.mail.Transport.send(m);
        // sales@ is alice and bob again: one copy each.
        assertThat(server.inboxCount(SmtpTestServer.ALICE)).isEqualTo(alice + 1);
        assertThat(server.inboxCount(SmtpTestServer.BOB)).isEqualTo(bob + 1);
        String stored = new String(server.inbox(SmtpTestServer.BOB).get(bob), StandardCharsets.UTF_8);
        assertThat(stored).startsWith("Return-Path: <sender@remote.example>\r\nReceived: from angus.example ([127.0.0.1])")
                .contains("Subject: to several").endsWith("hello all\r\n.\r\n..two dots\r\n");
    }

    @Test
    void messageIsStoredByteForByteAfterTheTraceFields() throws Exception {
        String body = "From: x@remote.example\r\nTo: bob@example.org\r\nSubject: exact\r\n\r\n"
                + "line 1\r\n..starts with a dot\r\n.\tdot tab\r\n\r\nlast line\r\n";
        int before = server.inboxCount(SmtpTestServer.BOB);
        try (RawSmtpClient c = connect()) {
            c.cmd("EHLO client.example");
            assertThat(c.cmd("MAIL FROM:<x@remote.example>").codes()).isEqualTo("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<bob@example.org>").codes()).isEqualTo("250 2.1.5");
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            String stuffed = body.replace("\r\n.", "\r\n..");
            RawSmtpClient.Reply r = c.cmd(stuffed + ".");
            assertThat(r.codes()).isEqualTo("250 2.0.0");
        }
        List<byte[]> inbox = server.inbox(SmtpTestServer.BOB);
        assertThat(inbox).hasSize(before + 1);
        String stored = new String(inbox.get(inbox.size() - 1), StandardCharsets.UTF_8);
        assertThat(stored).startsWith("Return-Path: <x@remote.example>\r\nReceived: from client.example ([127.0.0.1])\r\n"
                + "\tby " + SmtpTestServer.HOST + " (Tern) with ESMTP id ");
        assertThat(stored).contains("\r\n\tfor <bob@example.org>;\r\n\t");
        int start = stored.indexOf("From: x@remote.example");
        assertThat(stored.substring(start)).isEqualTo(body);
        assertThat(server.counter("tern_messages_received", "listener", "smtp")).isGreaterThan(0);
    }

    @Test
    void wholePipelinedTransactionInOneWrite() throws Exception {
        int before = server.inboxCount(SmtpTestServer.ALICE);
        try (RawSmtpClient c = connect()) {
            c.send("EHLO pipe.example\r\nMAIL FROM:<p@remote.example>\r\nRCPT TO:<alice@example.org>\r\n"
                    + "RCPT TO:<nobody@example.org>\r\nRCPT TO:<al@example.org>\r\nDATA\r\n");
            assertThat(c.reply().code()).isEqualTo(250);
            assertThat(c.reply().codes()).isEqualTo("250 2.1.0");
            assertThat(c.reply().codes()).isEqualTo("250 2.1.5");
            assertThat(c.reply().codes()).isEqualTo("550 5.1.1");
            assertThat(c.reply().codes()).isEqualTo("250 2.1.5");
            assertThat(c.reply().code()).isEqualTo(354);
            c.send("Subject: pipelined\r\n\r\nhello\r\n.\r\nQUIT\r\n");
            assertThat(c.reply().codes()).isEqualTo("250 2.0.0");
            assertThat(c.reply().codes()).isEqualTo("221 2.0.0");
        }
        // alice and al@ (alias of alice) are one account: one copy.
        assertThat(server.inboxCount(SmtpTestServer.ALICE)).isEqualTo(before + 1);
    }

    @Test
    void aliasAndCatchAllAndPostmasterResolve() throws Exception {
        int alice = server.inboxCount(SmtpTestServer.ALICE);
        int bob = server.inboxCount(SmtpTestServer.BOB);
        try (RawSmtpClient c = connect()) {
            c.cmd("EHLO client.example");
            c.cmd("MAIL FROM:<>");
            assertThat(c.cmd("RCPT TO:<sales@example.org>").code()).isEqualTo(250);
            assertThat(c.cmd("RCPT TO:<anything@catchall.example>").code()).isEqualTo(250);
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            assertThat(c.cmd("Subject: several\r\n\r\nx\r\n.").code()).isEqualTo(250);
        }
        assertThat(server.inboxCount(SmtpTestServer.ALICE)).isEqualTo(alice + 1);
        assertThat(server.inboxCount(SmtpTestServer.BOB)).isEqualTo(bob + 1);
        String stored = new String(server.inbox(SmtpTestServer.BOB).get(bob), StandardCharsets.UTF_8);
        assertThat(stored).startsWith("Return-Path: <>\r\n").doesNotContain("\tfor <");
    }

    @Test
    void replyCodesForPort25() throws Exception {
        try (RawSmtpClient c = connect()) {
            assertThat(c.cmd("MAIL FROM:<a@remote.example>").codes()).isEqualTo("503 5.5.1");
            assertThat(c.cmd("FROB").codes()).isEqualTo("500 5.5.2");
            assertThat(c.cmd("EHLO").codes()).isEqualTo("501 5.5.4");
            c.cmd("EHLO client.example");
            assertThat(c.cmd("RCPT TO:<bob@example.org>").codes()).isEqualTo("503 5.5.1");
            assertThat(c.cmd("DATA").codes()).isEqualTo("503 5.5.1");
            assertThat(c.cmd("MAIL FROM:<a@remote.example> SIZE=999999999999").codes()).isEqualTo("552 5.3.4");
            assertThat(c.cmd("MAIL FROM:a@remote.example").code()).isEqualTo(501);
            assertThat(c.cmd("MAIL FROM:<a@remote.example> BOGUS=1").codes()).isEqualTo("555 5.5.4");
            assertThat(c.cmd("MAIL FROM:<a@remote.example> BODY=8BITMIME RET=FULL ENVID=abc").codes()).isEqualTo("250 2.1.0");
            assertThat(c.cmd("MAIL FROM:<a@remote.example>").codes()).isEqualTo("503 5.5.1");
            assertThat(c.cmd("DATA").codes()).isEqualTo("503 5.5.1");
            assertThat(c.cmd("RCPT TO:<nobody@example.org>").codes()).isEqualTo("550 5.1.1");
            assertThat(c.cmd("RCPT TO:<someone@elsewhere.example>").codes()).isEqualTo("554 5.7.1");
            assertThat(c.cmd("RCPT TO:bob@example.org").code()).isEqualTo(501);
            assertThat(c.cmd("RCPT TO:<bob@example.org> NOTIFY=SUCCESS ORCPT=rfc822;bob@example.org").codes())
                    .isEqualTo("250 2.1.5");
            assertThat(c.cmd("VRFY bob").codes()).isEqualTo("252 2.5.0");
            assertThat(c.cmd("HELP").code()).isEqualTo(214);
            assertThat(c.cmd("NOOP").codes()).isEqualTo("250 2.0.0");
            // RFC 3207: STARTTLS belongs before the transaction.
            assertThat(c.cmd("STARTTLS").codes()).isEqualTo("503 5.5.1");
        }
    }

    @Test
    void startTlsOnPort25ThenDeliveryWithoutAuth() throws Exception {
        int bob = server.inboxCount(SmtpTestServer.BOB);
        try (RawSmtpClient c = connect()) {
            assertThat(c.cmd("EHLO client.example").has("STARTTLS")).isTrue();
            assertThat(c.cmd("STARTTLS").codes()).isEqualTo("220 2.0.0");
            c.startTls();
            RawSmtpClient.Reply ehlo = c.cmd("EHLO client.example");
            assertThat(ehlo.has("STARTTLS")).isFalse();
            assertThat(ehlo.has("AUTH")).isFalse();
            assertThat(c.cmd("STARTTLS").codes()).isEqualTo("503 5.5.1");
            assertThat(c.cmd("MAIL FROM:<t@remote.example>").code()).isEqualTo(250);
            assertThat(c.cmd("RCPT TO:<someone@elsewhere.example>").codes()).isEqualTo("554 5.7.1");
            assertThat(c.cmd("RCPT TO:<bob@example.org>").code()).isEqualTo(250);
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            assertThat(c.cmd("Subject: over tls\r\n\r\nx\r\n.").code()).isEqualTo(250);
        }
        String stored = new String(server.inbox(SmtpTestServer.BOB).get(bob), StandardCharsets.UTF_8);
        assertThat(stored).contains("with ESMTPS id");
    }

    @Test
    void overQuotaIs552AtRcptWithSizeAndAtEndOfData() throws Exception {
        try (RawSmtpClient c = connect()) {
            c.cmd("EHLO client.example");
            c.cmd("MAIL FROM:<q@remote.example> SIZE=100");
            assertThat(c.cmd("RCPT TO:<carol@example.org>").codes()).isEqualTo("552 5.2.2");
            c.cmd("RSET");
            c.cmd("MAIL FROM:<q@remote.example>");
            assertThat(c.cmd("RCPT TO:<carol@example.org>").code()).isEqualTo(250);
            assertThat(c.cmd("RCPT TO:<bob@example.org>").code()).isEqualTo(250);
            int bob = server.inboxCount(SmtpTestServer.BOB);
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            assertThat(c.cmd("Subject: over quota\r\n\r\nx\r\n.").codes()).isEqualTo("552 5.2.2");
            // One transaction: bob did not get it either.
            assertThat(server.inboxCount(SmtpTestServer.BOB)).isEqualTo(bob);
        }
    }

    @Test
    void tooManyRecipientsIs452() throws Exception {
        try (SmtpTestServer small = SmtpTestServer.start(dir.resolve("small"), java.util.Map.of("smtp.max-recipients", "2"));
             RawSmtpClient c = RawSmtpClient.connect(small.port("smtp"))) {
            c.reply();
            c.cmd("EHLO client.example");
            c.cmd("MAIL FROM:<a@remote.example>");
            assertThat(c.cmd("RCPT TO:<alice@example.org>").code()).isEqualTo(250);
            assertThat(c.cmd("RCPT TO:<bob@example.org>").code()).isEqualTo(250);
            assertThat(c.cmd("RCPT TO:<sales@example.org>").codes()).isEqualTo("452 4.5.3");
        }
    }

    @Test
    void messageTooBigIs552AndNothingIsStored() throws Exception {
        try (SmtpTestServer small = SmtpTestServer.start(dir.resolve("tiny"), java.util.Map.of("message.max-bytes", "1K"));
             RawSmtpClient c = RawSmtpClient.connect(small.port("smtp"))) {
            c.reply();
            assertThat(c.cmd("EHLO client.example").has("SIZE 1024")).isTrue();
            c.cmd("MAIL FROM:<a@remote.example>");
            c.cmd("RCPT TO:<bob@example.org>");
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            assertThat(c.cmd("Subject: big\r\n\r\n" + "x".repeat(70) + "\r\n".repeat(1) + ("y".repeat(78) + "\r\n").repeat(40) + ".").codes())
                    .isEqualTo("552 5.3.4");
            assertThat(c.cmd("NOOP").code()).isEqualTo(250);
            assertThat(small.inboxCount(SmtpTestServer.BOB)).isZero();
        }
    }

    @Test
    void bdatChunksAreJoined() throws Exception {
        int before = server.inboxCount(SmtpTestServer.BOB);
        String part1 = "Subject: chunked\r\n\r\n";
        String part2 = "body with\r\n.a leading dot and no stuffing\r\n";
        try (RawSmtpClient c = connect()) {
            c.cmd("EHLO client.example");
            c.cmd("MAIL FROM:<c@remote.example>");
            c.cmd("RCPT TO:<bob@example.org>");
            c.send("BDAT " + part1.length() + "\r\n" + part1 + "BDAT " + part2.length() + " LAST\r\n" + part2);
            assertThat(c.reply().codes()).isEqualTo("250 2.0.0");
            assertThat(c.reply().codes()).isEqualTo("250 2.0.0");
            assertThat(c.cmd("BDAT 0 LAST").codes()).isEqualTo("503 5.5.1");
            c.cmd("MAIL FROM:<c@remote.example>");
            c.cmd("RCPT TO:<bob@example.org>");
            assertThat(c.cmd("BDAT x").codes()).isEqualTo("501 5.5.4");
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            assertThat(c.cmd("Subject: data after a bad BDAT\r\n\r\nx\r\n.").code()).isEqualTo(250);
        }
        String stored = new String(server.inbox(SmtpTestServer.BOB).get(before), StandardCharsets.UTF_8);
        assertThat(stored).endsWith(part1 + part2);
    }

    @Test
    void printsTransactionLatency() throws Exception {
        List<Long> nanos = new ArrayList<>();
        try (RawSmtpClient c = connect()) {
            c.cmd("EHLO client.example");
            for (int i = 0; i < 20; i++) {
                c.send("MAIL FROM:<l@remote.example>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\n");
                c.reply();
                c.reply();
                c.reply();
                long t0 = System.nanoTime();
                RawSmtpClient.Reply r = c.cmd("Subject: latency " + i + "\r\n\r\n" + "z".repeat(4000) + "\r\n.");
                nanos.add(System.nanoTime() - t0);
                assertThat(r.code()).isEqualTo(250);
            }
        }
        Collections.sort(nanos);
        System.out.printf("SMTP end-of-DATA to 250: p50 %.2f ms, p90 %.2f ms, max %.2f ms%n",
                nanos.get(nanos.size() / 2) / 1e6, nanos.get(nanos.size() * 9 / 10) / 1e6,
                nanos.get(nanos.size() - 1) / 1e6);
    }
}
