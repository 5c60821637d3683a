package org.tern.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.core.config.TernConfig;
import org.tern.store.Account;
import org.tern.store.MailStore;
import org.tern.store.MailStoreConfig;
import org.tern.store.MailStores;

/** Through the whole composed server: a message sent with SMTP is read back over IMAP, IMAPS and POP3. */
class EndToEndSmokeTest {

    private static final String USER = "alice@example.test";
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path tmp;

    private TernServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void smtpInImapAndPop3Out() throws Exception {
        createAccountOffline();
        server = TernServer.start(TernConfig.of(TestServers.ephemeral(tmp)), false);
        Map<String, InetSocketAddress> at = server.listenerAddresses();

        Session smtp = Session.getInstance(props("smtp", at.get("smtp")));
        MimeMessage m = new MimeMessage(smtp);
        m.setFrom(new InternetAddress("bob@remote.test"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(USER));
        m.setSubject("Tern smoke test");
        m.setText("Hello through SMTP, IMAP and POP3.\r\n.leading dot survives\r\n");
        Transport.send(m);

        assertThat(readInbox("imap", at.get("imap"))).contains("Hello through SMTP", ".leading dot survives");
        assertThat(readInbox("imaps", at.get("imaps"))).contains("Hello through SMTP");
        assertThat(readInbox("pop3", at.get("pop3"))).contains("Hello through SMTP", ".leading dot survives");

        String metrics = TestServers.get(server.adminUrl().orElseThrow() + "/metrics", null).body();
        assertThat(PrometheusFormat.badLines(metrics)).isEmpty();
        assertThat(metrics).contains("tern_accounts 1.0");
        // the session on each protocol moved its counters
        assertThat(sample(metrics, "tern_commands_total", "protocol=\"smtp\"", "verb=\"DATA\"")).isEqualTo(1.0);
        assertThat(total(metrics, "tern_commands_total", "protocol=\"imap\"")).isGreaterThanOrEqualTo(4.0);
        assertThat(sample(metrics, "tern_commands_total", "protocol=\"pop3\"", "verb=\"RETR\"")).isEqualTo(1.0);
        assertThat(sample(metrics, "tern_messages_received_total", "listener=\"smtp\"")).isEqualTo(1.0);
        assertThat(sample(metrics, "tern_messages_delivered_total")).isEqualTo(1.0);
        assertThat(sample(metrics, "tern_sessions_total", "listener=\"imaps\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(sample(metrics, "tern_auth_total", "listener=\"pop3\"", "result=\"ok\"")).isEqualTo(1.0);
    }

    /** The sum of the samples of {@code name} whose labels include all of {@code labels}. */
    private static double total(String exposition, String name, String... labels) {
        return exposition.lines()
                .filter(l -> l.startsWith(name + "{"))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The value of the one sample of {@code name} whose labels include all of {@code labels}. */
    private static double sample(String exposition, String name, String... labels) {
        return exposition.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one sample of " + name + " with " + String.join(",", labels));
                })
                .orElseThrow(() -> new AssertionError("no sample of " + name + " with " + String.join(",", labels)));
    }

    private void createAccountOffline() {
        try (MailStore store = MailStores.open(MailStoreConfig.forTests(tmp), new SimpleMeterRegistry())) {
            store.directory().addDomain("example.test");
            store.directory().addAccount(USER, PASSWORD.toCharArray(), Account.UNLIMITED);
        }
    }

    /** The one message's subject and text from the INBOX, read with the given Jakarta Mail protocol. */
    private String readInbox(String protocol, InetSocketAddress address) throws Exception {
        Session session = Session.getInstance(props(protocol, address));
        Store store = session.getStore(protocol);
        store.connect(address.getHostString(), address.getPort(), USER, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                assertThat(inbox.getMessageCount()).as(protocol + " message count").isEqualTo(1);
                Message got = inbox.getMessage(1);
                return got.getSubject() + "\n" + got.getContent();
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static Properties props(String protocol, InetSocketAddress address) {
        Properties p = new Properties();
        p.put("mail." + protocol + ".host", address.getHostString());
        p.put("mail." + protocol + ".port", String.valueOf(address.getPort()));
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "20000");
        p.put("mail." + protocol + ".ssl.trust", "*");
        p.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        p.put("mail." + protocol + ".localhost", "client.test");
        return p;
    }
}
