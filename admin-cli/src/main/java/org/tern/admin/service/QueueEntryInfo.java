package org.tern.admin.service;

import java.time.Instant;
import java.util.List;

/**
 * A message waiting for remote delivery. {@code sender} is empty for the null sender ({@code <>});
 * {@code nextAttempt} is null when nothing is left to try; {@code lastError} is empty before the first failure.
 */
public record QueueEntryInfo(long id, String sender, List<QueueRecipientInfo> recipients, Instant created,
                             Instant nextAttempt, int attempts, String lastError) {

    public QueueEntryInfo {
        recipients = List.copyOf(recipients);
    }
}
