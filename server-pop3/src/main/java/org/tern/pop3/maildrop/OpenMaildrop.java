package org.tern.pop3.maildrop;

import org.tern.store.event.EventBus;

/** What a logged-in session holds: the snapshot, the lock on it, and the expunge events since it was taken. */
public record OpenMaildrop(Maildrop maildrop, ExpungeTracker expunges, MaildropLock.Lease lease,
                           EventBus.Subscription subscription) implements AutoCloseable {

    /** Stops listening and releases the lock (idempotent). */
    @Override
    public void close() {
        try {
            subscription.close();
        } finally {
            lease.close();
        }
    }
}
