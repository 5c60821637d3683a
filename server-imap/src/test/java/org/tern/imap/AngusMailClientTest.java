package org.tern.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SubjectTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tern.imap.testing.ImapTestServer;

/** Eclipse Angus Mail's IMAP provider against a live server: folders, append, flags, search, copy, move, expunge, IDLE. */
class AngusMailClientTest {

    private static ImapTestServer server;

    @BeforeAll
    static void start() {
        server = new ImapTestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Store connect() throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", String.valueOf(server.port()));
        p.put("mail.imap.connectiontimeout", "5000");
        p.put("mail.imap.timeout", "10000");
        Session session = Session.getInstance(p);
        session.setDebug(Boolean.getBoolean("imap.debug"));
        Store store = session.getStore("imap");
        store.connect(ImapTestServer.USER, ImapTestServer.PASSWORD);
        return store;
    }

    private static MimeMessage message(String subject) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("bob@example.net", "Bob Example"));
        m.setRecipients(Message.RecipientType.TO, "alice@example.org");
        m.setSubject(subject, "UTF-8");
        m.setText("Body of " + subject, "UTF-8");
        m.saveChanges();
        return m;
    }

    @Test
    void foldersCanBeCreatedListedRenamedAndDeleted() throws Exception {
        try (Store store = connect()) {
            Folder f = store.getFolder("Clients/Übersicht");
            assertThat(f.create(Folder.HOLDS_MESSAGES)).isTrue();
            assertThat(store.getFolder("Clients").list()).extracting(Folder::getFullName)
                    .contains("Clients/Übersicht");
            assertThat(f.renameTo(store.getFolder("Clients/Overview"))).isTrue();
            assertThat(store.getFolder("Clients/Overview").exists()).isTrue();
            assertThat(store.getFolder("Clients/Übersicht").exists()).isFalse();
            assertThat(store.getFolder("Clients/Overview").delete(false)).isTrue();
            assertThat(store.getDefaultFolder().list("*")).extracting(Folder::getFullName)
                    .contains("INBOX", "Sent", "Trash");
        }
    }

    @Test
    void appendWithFlagsThenSearchCopyMoveAndExpunge() throws Exception {
        try (Store store = connect()) {
            Folder box = store.getFolder("Work");
            box.create(Folder.HOLDS_MESSAGES);
            MimeMessage seen = message("Quarterly report ✓");
            seen.setFlag(Flags.Flag.SEEN, true);
            box.appendMessages(new Message[] {seen, message("Lunch plans")});
            box.open(Folder.READ_WRITE);
            assertThat(box.getMessageCount()).isEqualTo(2);
            assertThat(box.getMessage(1).isSet(Flags.Flag.SEEN)).isTrue();
            assertThat(box.getMessage(2).isSet(Flags.Flag.SEEN)).isFalse();
            assertThat(box.getMessage(1).getSubject()).isEqualTo("Quarterly report ✓");
            assertThat(((MimeMessage) box.getMessage(2)).getContent().toString()).contains("Body of Lunch plans");

            Message[] found = box.search(new SubjectTerm("lunch"));
            assertThat(found).hasSize(1);
            assertThat(found[0].getMessageNumber()).isEqualTo(2);
            // reading message 2's content fetched BODY[] without PEEK, which sets \Seen (RFC 3501 §6.4.5)
            assertThat(box.search(new FlagTerm(new Flags(Flags.Flag.SEEN), true))).hasSize(2);

            box.getMessage(2).setFlag(Flags.Flag.FLAGGED, true);
            assertThat(box.getMessage(2).isSet(Flags.Flag.FLAGGED)).isTrue();

            Folder archive = store.getFolder("Archive");
            box.copyMessages(new Message[] {box.getMessage(1)}, archive);
            assertThat(archive.getMessageCount()).isEqualTo(1);

            Message moved = box.getMessage(2);
            ((IMAPFolder) box).moveMessages(new Message[] {moved}, store.getFolder("Trash"));
            assertThat(moved.isExpunged()).isTrue();
            box.close(false);
            box.open(Folder.READ_WRITE);
            assertThat(box.getMessageCount()).isEqualTo(1);
            assertThat(store.getFolder("Trash").getMessageCount()).isEqualTo(1);

            box.getMessage(1).setFlag(Flags.Flag.DELETED, true);
            Message[] expunged = box.expunge();
            assertThat(expunged).hasSize(1);
            assertThat(box.getMessageCount()).isZero();
            box.close(false);
        }
    }

    @Test
    void idleSessionSeesNewMailAndFlagChangesFromAnotherDevice() throws Exception {
        try (Store watcher = connect(); Store other = connect()) {
            IMAPFolder inbox = (IMAPFolder) watcher.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            int before = inbox.getMessageCount();
            CountDownLatch arrived = new CountDownLatch(1);
            AtomicInteger added = new AtomicInteger();
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    added.addAndGet(e.getMessages().length);
                    arrived.countDown();
                }
            });
            Thread idler = new Thread(() -> {
                try {
                    inbox.idle(true);
                } catch (Exception e) {
                    // the test fails on the latch
                }
            });
            idler.start();
            Thread.sleep(300);
            server.deliver("Arrives during IDLE", "hello");
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
            idler.join(10_000);
            assertThat(added.get()).isEqualTo(1);
            assertThat(inbox.getMessageCount()).isEqualTo(before + 1);

            Folder otherInbox = other.getFolder("INBOX");
            otherInbox.open(Folder.READ_WRITE);
            otherInbox.getMessage(otherInbox.getMessageCount()).setFlag(Flags.Flag.ANSWERED, true);
            inbox.getMessageCount(); // a NOOP: picks up the FETCH FLAGS from the other session
            Thread.sleep(200);
            inbox.getMessageCount();
            assertThat(inbox.getMessage(inbox.getMessageCount()).isSet(Flags.Flag.ANSWERED)).isTrue();
        }
    }
}
