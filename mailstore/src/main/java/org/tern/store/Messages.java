package org.tern.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.tern.store.blob.IncomingMessage;
import org.tern.store.mime.MessageFacts;

/**
 * Messages inside mailboxes, addressed by UID. Sequence numbers are a session concern and live in the
 * protocols. Each mutating call is one transaction followed by one event carrying {@code origin}, so the
 * session that caused a change can tell its own events apart.
 */
public interface Messages {

    /** Starts a new message body; bytes are streamed to a temporary file, never held in the heap. */
    IncomingMessage newMessage();

    /**
     * Delivers one message to the INBOX of every local account and queues it for every remote recipient,
     * all in one transaction (all or none). Parses the message once, stores its body once, fsyncs before
     * committing. Returns only after the commit is durable. {@link QuotaExceededException} if any local
     * account would go over quota (then nothing is delivered).
     */
    DeliveryReceipt deliver(Delivery delivery);

    /** APPEND: stores the message in the mailbox with the given flags and internal date. */
    AppendResult append(long mailboxId, IncomingMessage message, Flags flags, Instant internalDate, Origin origin);

    /** All UIDs of the mailbox, ascending: the sequence map at SELECT time. */
    long[] uids(long mailboxId);

    /** Metadata of the messages whose UIDs are in the set, ascending by UID, in one query. */
    List<MessageMeta> list(long mailboxId, UidSet uids);

    /** Parsed facts (envelope, body structure, offsets) for the given UIDs. */
    Map<Long, MessageFacts> facts(long mailboxId, UidSet uids);

    /**
     * Changes flags. With {@code unchangedSince > 0} (CONDSTORE), messages whose MODSEQ is greater are not
     * changed and are reported in {@link StoreResult#failedUnchangedSince()}.
     */
    StoreResult storeFlags(long mailboxId, UidSet uids, FlagOperation operation, Flags flags,
                           long unchangedSince, Origin origin);

    /** Copies messages (sharing bodies) into another mailbox of the same account. */
    CopyResult copy(long fromMailboxId, UidSet uids, long toMailboxId, Origin origin);

    /** Moves messages: copy plus expunge of the sources in one transaction (RFC 6851). */
    CopyResult move(long fromMailboxId, UidSet uids, long toMailboxId, Origin origin);

    /**
     * Expunges messages in {@code uids}: with {@link ExpungeMode#DELETED_ONLY} only those flagged \Deleted
     * (IMAP EXPUNGE, UID EXPUNGE, CLOSE), with {@link ExpungeMode#ALL_GIVEN} all of them (POP3 QUIT).
     * Leaves tombstones (UID, MODSEQ). Returns the expunged UIDs, ascending.
     */
    List<Long> expunge(long mailboxId, UidSet uids, ExpungeMode mode, Origin origin);

    /** Messages changed after {@code modSeq} and UIDs expunged after it (tombstones), for CONDSTORE/QRESYNC. */
    Changes changesSince(long mailboxId, long modSeq);

    /**
     * Claims the mailbox's recent messages for one session: returns UIDs not yet claimed by any session and
     * marks them claimed (RFC 3501 \Recent).
     */
    List<Long> claimRecent(long mailboxId);
}
