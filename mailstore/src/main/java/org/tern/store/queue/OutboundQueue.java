package org.tern.store.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Messages waiting for remote delivery. Entries are created by {@code Messages.deliver} in the same
 * transaction as local delivery. The outbound worker takes due entries and records each attempt.
 */
public interface OutboundQueue {

    List<QueueEntry> list();

    Optional<QueueEntry> get(long id);

    /** Entries whose next attempt is due at {@code now}, oldest first. */
    List<QueueEntry> due(Instant now, int limit);

    /** Records one attempt: recipient results, and the next attempt time (null when nothing is left to try). */
    void recordAttempt(long id, List<QueueRecipient> recipients, Instant nextAttempt, String lastError);

    /** Makes an entry due now. */
    void retryNow(long id);

    void retryAll();

    void remove(long id);

    QueueStats stats(Instant now);
}
