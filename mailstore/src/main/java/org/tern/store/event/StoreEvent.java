package org.tern.store.event;

import java.util.List;

import org.tern.store.MessageMeta;
import org.tern.store.Origin;

/** A committed change, published after its transaction. */
public sealed interface StoreEvent {

    long accountId();

    /** The mailbox the change is about (for a rename, the renamed mailbox). */
    long mailboxId();

    Origin origin();

    /** New messages (delivery, append, copy, move) in one mailbox, UIDs ascending. */
    record MessagesAdded(long accountId, long mailboxId, List<Long> uids, long highestModSeq, Origin origin)
            implements StoreEvent {
    }

    /** Flags changed on these messages (each with its new flags and MODSEQ). */
    record FlagsChanged(long accountId, long mailboxId, List<MessageMeta> messages, Origin origin)
            implements StoreEvent {
    }

    /** Messages expunged (or moved away), UIDs ascending. */
    record MessagesExpunged(long accountId, long mailboxId, List<Long> uids, long highestModSeq, Origin origin)
            implements StoreEvent {
    }

    record MailboxCreated(long accountId, long mailboxId, String name, Origin origin) implements StoreEvent {
    }

    /** A rename; children renamed with it get one event each. */
    record MailboxRenamed(long accountId, long mailboxId, String oldName, String newName, Origin origin)
            implements StoreEvent {
    }

    record MailboxDeleted(long accountId, long mailboxId, String name, Origin origin) implements StoreEvent {
    }
}
