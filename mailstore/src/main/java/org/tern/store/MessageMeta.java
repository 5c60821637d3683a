package org.tern.store;

import java.time.Instant;

/** One message row: what FETCH FLAGS/UID/INTERNALDATE/RFC822.SIZE and POP3 need, without the body. */
public record MessageMeta(long mailboxId, long uid, long modSeq, Flags flags, Instant internalDate,
                          long size, String blobId) {
}
