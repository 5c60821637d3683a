package org.tern.store;

/**
 * Counters for STATUS and SELECT. {@code firstUnseenUid} is 0 when every message is seen;
 * {@code recent} counts messages not yet claimed by any session ({@link Messages#claimRecent}).
 */
public record MailboxStatus(long mailboxId, long messages, long unseen, long recent, long uidNext,
                            long uidValidity, long highestModSeq, long sizeBytes, long firstUnseenUid) {
}
