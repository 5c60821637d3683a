package org.tern.store.queue;

import java.time.Instant;
import java.util.List;

/** One queued message and its remote recipients. {@code envelopeFrom} is empty for the null sender. */
public record QueueEntry(long id, String blobId, String envelopeFrom, List<QueueRecipient> recipients,
                         String dsnRet, String dsnEnvid, Instant created, Instant nextAttempt,
                         int attempts, String lastError) {
}
