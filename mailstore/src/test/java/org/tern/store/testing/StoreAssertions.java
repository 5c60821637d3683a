package org.tern.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.tern.store.Flags;
import org.tern.store.MailStore;
import org.tern.store.MailboxStatus;
import org.tern.store.MessageMeta;
import org.tern.store.UidSet;

/** Checks that a mailbox's maintained counters agree with its rows. */
public final class StoreAssertions {

    private StoreAssertions() {
    }

    public static void countersMatchRows(MailStore store, long mailboxId) {
        List<MessageMeta> rows = store.messages().list(mailboxId, UidSet.ALL);
        MailboxStatus s = store.mailboxes().status(mailboxId);
        assertThat(s.messages()).as("messages").isEqualTo(rows.size());
        assertThat(s.sizeBytes()).as("size").isEqualTo(rows.stream().mapToLong(MessageMeta::size).sum());
        List<MessageMeta> unseen = rows.stream().filter(m -> !m.flags().contains(Flags.SystemFlag.SEEN)).toList();
        assertThat(s.unseen()).as("unseen").isEqualTo(unseen.size());
        assertThat(s.firstUnseenUid()).as("first unseen").isEqualTo(unseen.isEmpty() ? 0 : unseen.get(0).uid());
        assertThat(s.recent()).as("recent").isBetween(0L, (long) rows.size());
    }

    /**
     * Like {@link #countersMatchRows} but returns each mismatch as a line (empty if all agree) instead of failing
     * at the first, so a crash check can report everything it found.
     */
    public static List<String> counterMismatches(MailStore store, long mailboxId) {
        List<MessageMeta> rows = store.messages().list(mailboxId, UidSet.ALL);
        MailboxStatus s = store.mailboxes().status(mailboxId);
        List<String> out = new ArrayList<>();
        long size = rows.stream().mapToLong(MessageMeta::size).sum();
        List<MessageMeta> unseen = rows.stream().filter(m -> !m.flags().contains(Flags.SystemFlag.SEEN)).toList();
        long firstUnseen = unseen.isEmpty() ? 0 : unseen.get(0).uid();
        long maxUid = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).uid();
        long maxModSeq = rows.stream().mapToLong(MessageMeta::modSeq).max().orElse(0);
        String where = "mailbox " + mailboxId + ": ";
        if (s.messages() != rows.size()) {
            out.add(where + "message_count " + s.messages() + " but " + rows.size() + " rows");
        }
        if (s.sizeBytes() != size) {
            out.add(where + "size_bytes " + s.sizeBytes() + " but rows sum to " + size);
        }
        if (s.unseen() != unseen.size()) {
            out.add(where + "unseen_count " + s.unseen() + " but " + unseen.size() + " unseen rows");
        }
        if (s.firstUnseenUid() != firstUnseen) {
            out.add(where + "first unseen " + s.firstUnseenUid() + " but rows say " + firstUnseen);
        }
        if (s.recent() < 0 || s.recent() > rows.size()) {
            out.add(where + "recent_count " + s.recent() + " outside 0.." + rows.size());
        }
        if (s.uidNext() <= maxUid) {
            out.add(where + "uid_next " + s.uidNext() + " <= max uid " + maxUid);
        }
        if (s.highestModSeq() < maxModSeq) {
            out.add(where + "highest_modseq " + s.highestModSeq() + " < max row modseq " + maxModSeq);
        }
        return out;
    }
}
