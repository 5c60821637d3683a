package org.tern.imap.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tern.imap.decode.DecodingException;
import org.tern.imap.decode.SequenceSet;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ResponseEncoder;
import org.tern.store.Flags;
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

    @Test
    void expungesWaitUntilAllowedAndOwnFlagEventsAreSkipped() {
        SelectedMailbox box = new SelectedMailbox(1, "INBOX", true, 7, new long[] {1, 2, 3});
        Origin other = new Origin("other");
        box.onEvent(new StoreEvent.MessagesExpunged(1, 1, List.of(2L), 10, other), "me");
        box.onEvent(new StoreEvent.MessagesAdded(1, 1, List.of(4L), 11, other), "me");
        MessageMeta flagged = new MessageMeta(1, 3, 12, Flags.of(Flags.SystemFlag.FLAGGED), Instant.EPOCH, 10, "b");
        box.onEvent(new StoreEvent.FlagsChanged(1, 1, List.of(flagged), other), "me");
        box.onEvent(new StoreEvent.FlagsChanged(1, 1, List.of(flagged), new Origin("me")), "me");
        box.onEvent(new StoreEvent.MessagesAdded(1, 2, List.of(9L), 11, other), "me"); // other mailbox

        List<ImapResponse> duringFetch = box.drain(false, null);
        assertThat(ResponseEncoder.toText(duringFetch)).isEqualTo(
                "* 4 EXISTS\r\n* 0 RECENT\r\n* 3 FETCH (UID 3 FLAGS (\\Flagged))\r\n");
        assertThat(ResponseEncoder.toText(box.drain(true, null))).isEqualTo("* 2 EXPUNGE\r\n");
        assertThat(box.map().size()).isEqualTo(3);
        assertThat(box.drain(true, null)).isEmpty();

        box.onEvent(new StoreEvent.MailboxRenamed(1, 1, "INBOX", "Old", other), "me");
        assertThat(box.name()).isEqualTo("Old");
        box.onEvent(new StoreEvent.MailboxDeleted(1, 1, "Old", other), "me");
        assertThat(box.deleted()).isTrue();
    }
}
