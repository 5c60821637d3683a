package org.tern.store;

import java.util.List;

/** Where a delivery landed: one (mailbox, UID) per local account, and the queue entry for remote ones (0 if none). */
public record DeliveryReceipt(String blobId, List<Placement> placements, long queueEntryId) {

    public record Placement(long accountId, long mailboxId, long uid) {
    }
}
