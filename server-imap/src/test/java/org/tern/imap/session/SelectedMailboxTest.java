package org.tern.imap.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.imap.decode.DecodingException;
import org.tern.imap.decode.SequenceSet;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ResponseEncoder;
import org.tern.store.Account;
import org.tern.store.Delivery;
import org.tern.store.Flags;
import org.tern.store.MailStore;
import org.tern.store.MailStoreConfig;
import org.tern.store.MailStores;
import org.tern.store.Messages;
import org.tern.store.blob.IncomingMessage;
import org.tern.store.MessageMeta;
import org.tern.store.Origin;
import org.tern.store.UidSet;
import org.tern.store.event.StoreEvent;

class SelectedMailboxTest {

    @Test
    void uidMapResolvesSetsAndRemovesInOnePass() {
        UidMap map = new UidMap(new long[] {3, 5, 8, 9, 12, 4_000_000_000L});
        assertThat(map.seqOf(12)).isEqualTo(5);
        assertThat(map.uidAt(6)).isEqualTo(4_000_000_000L);
        assertThat(map.resolveSequences(SequenceSet.parse("2:3,*"))).isEqualTo(
                UidSet.ofRanges(List.of(new UidSet.Range(5, 8), new UidSet.Range(4_000_000_000L, 4_000_000_000L))));
        assertThat(map.resolveUids(SequenceSet.parse("4000000001:*")).contains(4_000_000_000L)).isTrue();
        assertThatThrownBy(() -> map.resolveSequences(SequenceSet.parse("7"))).isInstanceOf(DecodingException.class);
        // expunging UIDs 5, 9, 12: reported as 2, then 3 (9 moved down), then 3 (12 moved down)
        assertThat(map.removeAll(List.of(5L, 9L, 12L))).containsExactly(2L, 3L, 3L);
        assertThat(map.size()).isEqualTo(3);
        assertThat(map.uidAt(3)).isEqualTo(4_000_000_000L);
    }

    @TempDir
    Path dir;

    /** A store whose account's INBOX holds {@code count} messages (UIDs 1..count); returns the INBOX id. */
    private static long inboxWith(MailStore store, int count) {
        store.directory().addDomain("example.org");
        Account a = store.directory().addAccount("a@example.org", "pw".toCharArray(), Account.UNLIMITED);
        long inbox = store.mailboxes().find(a.id(), "INBOX").orElseThrow().id();
        for (int i = 0; i < count; i++) {
            IncomingMessage m = store.messages().newMessage();
            try {
                m.write(("Subject: " + i + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
                m.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            store.messages().deliver(new Delivery(m, "s@example.net", List.of(a.id()), List.of(),
                    Delivery.DsnRequest.NONE));
        }
        return inbox;
    }

    @Test
    void eventsOutOfUidOrderLoseNoMessage() {
        try (MailStore store = MailStores.open(MailStoreConfig.forTests(dir), new SimpleMeterRegistry())) {
            long inbox = inboxWith(store, 4);
            SelectedMailbox box = new SelectedMailbox(inbox, "INBOX", true, 7, new long[] {1});
            Origin other = new Origin("other");
            // 4 is announced first; 2 and 3 committed before it (one fsync released them all)
            box.onEvent(new StoreEvent.MessagesAdded(1, inbox, List.of(4L), 11, other), "me");
            assertThat(ResponseEncoder.toText(box.drain(false, store.messages())))
                    .isEqualTo("* 4 EXISTS\r\n* 0 RECENT\r\n");
            box.onEvent(new StoreEvent.MessagesAdded(1, inbox, List.of(2L), 9, other), "me");
            box.onEvent(new StoreEvent.MessagesAdded(1, inbox, List.of(3L), 10, other), "me");
            assertThat(box.drain(true, store.messages())).isEmpty();
            assertThat(box.map().uidAt(2)).isEqualTo(2);
            assertThat(box.map().uidAt(4)).isEqualTo(4);
        }
    }

    @Test
    void expungesWaitUntilAllowedAndOwnFlagEventsAreSkipped() {
        try (MailStore store = MailStores.open(MailStoreConfig.forTests(dir), new SimpleMeterRegistry())) {
            expungesWaitUntilAllowed(store, inboxWith(store, 4));
        }
    }

    private static void expungesWaitUntilAllowed(MailStore store, long inbox) {
        Messages messages = store.messages();
        SelectedMailbox box = new SelectedMailbox(inbox, "INBOX", true, 7, new long[] {1, 2, 3});
        Origin other = new Origin("other");
        box.onEvent(new StoreEvent.MessagesExpunged(1, inbox, List.of(2L), 10, other), "me");
        box.onEvent(new StoreEvent.MessagesAdded(1, inbox, List.of(4L), 11, other), "me");
        MessageMeta flagged = new MessageMeta(1, 3, 12, Flags.of(Flags.SystemFlag.FLAGGED), Instant.EPOCH, 10, "b");
        box.onEvent(new StoreEvent.FlagsChanged(1, inbox, List.of(flagged), other), "me");
        box.onEvent(new StoreEvent.FlagsChanged(1, inbox, List.of(flagged), new Origin("me")), "me");
        box.onEvent(new StoreEvent.MessagesAdded(1, inbox + 1, List.of(9L), 11, other), "me"); // other mailbox

        List<ImapResponse> duringFetch = box.drain(false, messages);
        assertThat(ResponseEncoder.toText(duringFetch)).isEqualTo(
                "* 4 EXISTS\r\n* 0 RECENT\r\n* 3 FETCH (UID 3 FLAGS (\\Flagged))\r\n");
        assertThat(ResponseEncoder.toText(box.drain(true, messages))).isEqualTo("* 2 EXPUNGE\r\n");
        assertThat(box.map().size()).isEqualTo(3);
        assertThat(box.drain(true, messages)).isEmpty();

        box.onEvent(new StoreEvent.MailboxRenamed(1, inbox, "INBOX", "Old", other), "me");
        assertThat(box.name()).isEqualTo("Old");
        box.onEvent(new StoreEvent.MailboxDeleted(1, inbox, "Old", other), "me");
        assertThat(box.deleted()).isTrue();
    }
}
