package org.tern.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

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
}
