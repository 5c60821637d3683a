package org.tern.pop3.maildrop;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.tern.store.event.StoreEvent;
import org.tern.store.event.StoreListener;

/**
 * Remembers which INBOX messages were expunged (by IMAP, an admin, another node) since the snapshot, from the
 * store's change events, so RETR/TOP can answer -ERR without a query per message. Subscribed before the
 * snapshot is read, so no expunge is missed in between.
 */
public final class ExpungeTracker implements StoreListener {

    private final long mailboxId;
    private final Set<Long> expunged = ConcurrentHashMap.newKeySet();

    public ExpungeTracker(long mailboxId) {
        this.mailboxId = mailboxId;
    }

    @Override
    public void onEvent(StoreEvent event) {
        if (event instanceof StoreEvent.MessagesExpunged e && e.mailboxId() == mailboxId) {
            expunged.addAll(e.uids());
        } else if (event instanceof StoreEvent.MailboxDeleted d && d.mailboxId() == mailboxId) {
            expunged.add(Long.MAX_VALUE); // marker: every message is gone
        }
    }

    public boolean isExpunged(long uid) {
        return expunged.contains(uid) || expunged.contains(Long.MAX_VALUE);
    }
}
