package org.tern.pop3.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.ExpungeMode;
import org.tern.store.MessageMeta;
import org.tern.store.Origin;
import org.tern.store.UidSet;
import org.tern.store.event.EventBus;
import org.tern.store.event.StoreEvent;
import org.tern.store.testing.TestMailStores;

/**
 * POP3 and other sessions on the same INBOX, observed at the store: what IMAP would see as untagged EXPUNGE is
 * the store's MessagesExpunged event, and what IMAP's EXPUNGE does is the store's expunge.
 */
class Pop3StoreConsistencyTest {

    @TempDir
    Path dir;

    @Test
    void quitExpungesTheMarkedMessagesInOneEvent() throws Exception {
        try (Pop3TestServer server = Pop3TestServer.start(dir)) {
            Account a = server.account("a@example.org", "pw");
            for (int i = 1; i <= 4; i++) {
                server.deliver(a, TestMailStores.message("m" + i, "b" + i));
            }
            List<MessageMeta> before = server.store.messages().list(server.inbox(a), UidSet.ALL);
            List<StoreEvent.MessagesExpunged> expunges = new CopyOnWriteArrayList<>();
            try (EventBus.Subscription sub = server.store.events().subscribe(a.id(), e -> {
                if (e instanceof StoreEvent.MessagesExpunged x) {
                    expunges.add(x);
                }
            })) {
                try (RawPop3Client c = server.login("a@example.org", "pw")) {
                    assertThat(c.command("DELE 1")).startsWith("+OK");
                    assertThat(c.command("DELE 3")).startsWith("+OK");
                    assertThat(expunges).isEmpty();
                    assertThat(c.command("QUIT")).startsWith("+OK");
                    assertThat(c.isClosedByServer()).isTrue();
                }
                assertThat(expunges).hasSize(1);
                StoreEvent.MessagesExpunged e = expunges.get(0);
                assertThat(e.uids()).containsExactly(before.get(0).uid(), before.get(2).uid());
                assertThat(e.mailboxId()).isEqualTo(server.inbox(a));
                assertThat(e.origin().isSystem()).isFalse();
            }
        }
    }

    @Test
    void messageExpungedElsewhereAnswersErrAndQuitStillSucceeds() throws Exception {
        try (Pop3TestServer server = Pop3TestServer.start(dir)) {
            Account a = server.account("a@example.org", "pw");
            for (int i = 1; i <= 3; i++) {
                server.deliver(a, TestMailStores.message("m" + i, "b" + i));
            }
            long inbox = server.inbox(a);
            List<MessageMeta> before = server.store.messages().list(inbox, UidSet.ALL);
            try (RawPop3Client c = server.login("a@example.org", "pw")) {
                // Another session (IMAP EXPUNGE) removes message 2 while POP3 holds its snapshot.
                server.store.messages().expunge(inbox, UidSet.of(before.get(1).uid()), ExpungeMode.ALL_GIVEN, new Origin("imap-1"));
                assertThat(c.command("RETR 2")).startsWith("-ERR");
                assertThat(c.command("TOP 2 0")).startsWith("-ERR");
                assertThat(c.command("STAT")).startsWith("+OK 3 ");
                assertThat(c.command("RETR 1")).startsWith("+OK");
                c.readMultiline();
                assertThat(c.command("DELE 2")).startsWith("+OK");
                assertThat(c.command("DELE 3")).startsWith("+OK");
                assertThat(c.command("QUIT")).startsWith("+OK");
                assertThat(c.isClosedByServer()).isTrue();
            }
            assertThat(server.store.messages().list(inbox, UidSet.ALL)).extracting(MessageMeta::uid)
                    .containsExactly(before.get(0).uid());
        }
    }
}
