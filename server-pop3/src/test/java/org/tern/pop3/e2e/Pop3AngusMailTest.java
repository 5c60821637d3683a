package org.tern.pop3.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.UidSet;
import org.tern.store.testing.TestMailStores;

/** Angus Mail's POP3 provider as a real client: list, retrieve, UIDL, delete; over STLS and implicit TLS. */
class Pop3AngusMailTest {

    @TempDir
    Path dir;

    @Test
    void listRetrieveUidlDelete() throws Exception {
        try (Pop3TestServer server = Pop3TestServer.start(dir)) {
            Account a = server.account("alice@example.org", "alice pw");
            for (int i = 1; i <= 3; i++) {
                server.deliver(a, TestMailStores.message("Hello " + i, "Line one\r\n.dot line\r\nEnd " + i));
            }
            Properties p = new Properties();
            p.put("mail.pop3.host", "127.0.0.1");
            p.put("mail.pop3.port", String.valueOf(server.pop3Address().getPort()));
            p.put("mail.pop3.starttls.enable", "true");
            p.put("mail.pop3.starttls.required", "true");
            p.put("mail.pop3.ssl.trust", "*");
            p.put("mail.pop3.ssl.checkserveridentity", "false");
            Session session = Session.getInstance(p);
            String firstUid;
            try (Store store = session.getStore("pop3")) {
                store.connect("alice@example.org", "alice pw");
                POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                assertThat(inbox.getMessageCount()).isEqualTo(3);
                Message[] msgs = inbox.getMessages();
                assertThat(msgs[1].getSubject()).isEqualTo("Hello 2");
                assertThat(((String) msgs[1].getContent()).replace("\r\n", "\n")).isEqualTo("Line one\n.dot line\nEnd 2\n");
                firstUid = inbox.getUID(msgs[0]);
                assertThat(firstUid).isNotBlank();
                assertThat(inbox.getUID(msgs[2])).isNotEqualTo(firstUid);
                msgs[0].setFlag(Flags.Flag.DELETED, true);
                inbox.close(true);
            }
            assertThat(server.store.messages().list(server.inbox(a), UidSet.ALL)).hasSize(2);

            Properties ps = new Properties();
            ps.put("mail.pop3s.host", "127.0.0.1");
            ps.put("mail.pop3s.port", String.valueOf(server.pop3sAddress().getPort()));
            ps.put("mail.pop3s.ssl.trust", "*");
            ps.put("mail.pop3s.ssl.checkserveridentity", "false");
            try (Store store = Session.getInstance(ps).getStore("pop3s")) {
                // The previous session's lock is released when its connection closes; retry briefly.
                connectWithRetry(store, "alice@example.org", "alice pw");
                POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessageCount()).isEqualTo(2);
                assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Hello 2");
                assertThat(inbox.getUID(inbox.getMessage(1))).isNotEqualTo(firstUid);
                inbox.close(false);
            }
        }
    }

    private static void connectWithRetry(Store store, String user, String password) throws Exception {
        for (int i = 0; ; i++) {
            try {
                store.connect(user, password);
                return;
            } catch (jakarta.mail.MessagingException e) {
                if (i > 50 || e.getMessage() == null || !e.getMessage().contains("IN-USE")) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
