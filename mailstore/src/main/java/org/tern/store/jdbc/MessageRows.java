package org.tern.store.jdbc;

import java.sql.SQLException;

/** Keys and per-mailbox counters of the {@code message_rows} table. */
final class MessageRows {

    /** UIDs are 32-bit unsigned (RFC 3501 nz-number). */
    static final long MAX_UID = 0xFFFFFFFFL;

    private MessageRows() {
    }

    /** {@code mailbox_id * 2^32 + uid}: a mailbox's rows form one key range in UID order. */
    static long key(long mailboxId, long uid) {
        return (mailboxId << 32) + uid;
    }

    /** Applies counter deltas to a mailbox row (which the caller has locked). */
    static void adjust(Tx tx, long mailboxId, long messages, long unseen, long recent, long bytes)
            throws SQLException {
        if (messages == 0 && unseen == 0 && recent == 0 && bytes == 0) {
            return;
        }
        tx.update("UPDATE mailboxes SET message_count = message_count + ?, unseen_count = unseen_count + ?,"
                + " recent_count = recent_count + ?, size_bytes = size_bytes + ? WHERE id = ?",
                messages, unseen, recent, bytes, mailboxId);
    }
}
