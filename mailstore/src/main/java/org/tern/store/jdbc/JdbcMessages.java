package org.tern.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.tern.store.AccountNotFoundException;
import org.tern.store.AppendResult;
import org.tern.store.Changes;
import org.tern.store.CopyResult;
import org.tern.store.Delivery;
import org.tern.store.DeliveryReceipt;
import org.tern.store.ExpungeMode;
import org.tern.store.FlagOperation;
import org.tern.store.Flags;
import org.tern.store.Mailbox;
import org.tern.store.MailboxNotFoundException;
import org.tern.store.MailboxOperationException;
import org.tern.store.MessageMeta;
import org.tern.store.Messages;
import org.tern.store.Origin;
import org.tern.store.QuotaExceededException;
import org.tern.store.StoreResult;
import org.tern.store.StoreUnavailableException;
import org.tern.store.UidSet;
import org.tern.store.blob.FileBlobStore;
import org.tern.store.blob.FileIncomingMessage;
import org.tern.store.blob.IncomingMessage;
import org.tern.store.event.StoreEvent;
import org.tern.store.mime.MessageFacts;
import org.tern.store.mime.MessageFactsCodec;
import org.tern.store.mime.MessageParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages in SQL. Lock order in every transaction: account rows (ascending id), then mailbox rows (ascending
 * id), so concurrent deliveries, appends, copies and expunges cannot deadlock. Each change takes the next MODSEQ
 * of its mailbox under the mailbox row lock, so MODSEQ and UIDs increase strictly in commit order.
 */
final class JdbcMessages implements Messages {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcMessages.class);
    private static final String META = "uid, modseq, flags, keywords, internal_date, size, blob_id";
    /** Above this many ranges a UID set is read as one min..max scan and filtered in Java. */
    private static final int MAX_SQL_RANGES = 32;

    private final Database db;
    private final FileBlobStore blobs;
    private final MessageParser parser = new MessageParser();
    private final Counter delivered;
    /**
     * INBOX id by account id, so that a delivery's transaction (run on the store's one writer thread) does not
     * look it up for every recipient. Only a hint: the transaction checks that the mailbox row it allocates in
     * belongs to the account and is named INBOX, and runs again with fresh look-ups if not.
     */
    private final ConcurrentHashMap<Long, Long> inboxes = new ConcurrentHashMap<>();
    /**
     * The last {@code body_id} handed out. Ids are taken inside the writing transaction (one at a time, see
     * {@link Database}); one taken by a transaction that rolled back is simply never used.
     */
    private final AtomicLong bodyIds;
    private static final int MAX_REMEMBERED_INBOXES = 100_000;

    JdbcMessages(Database db, FileBlobStore blobs, MeterRegistry registry) {
        this.db = db;
        this.blobs = blobs;
        this.bodyIds = new AtomicLong(db.read("body_ids", tx -> tx.queryOne(
                "SELECT COALESCE(MAX(body_id), 0) FROM bodies", rs -> rs.getLong(1)).orElse(0L)));
        this.delivered = Counter.builder("tern.messages.delivered")
                .description("Messages placed into local mailboxes by delivery").register(registry);
    }

    @Override
    public IncomingMessage newMessage() {
        try {
            return blobs.newIncoming();
        } catch (UncheckedIOException e) {
            throw new StoreUnavailableException("cannot create a temporary message file: " + e.getMessage(), e);
        }
    }

    private static FileIncomingMessage own(IncomingMessage m) {
        if (m instanceof FileIncomingMessage f) {
            return f;
        }
        throw new IllegalArgumentException("message was not created by this store's newMessage()");
    }

    /**
     * Body made durable in the blob store, with its parsed facts (null if parsing failed). The pin keeps the blob
     * collector off the body: release it only after the transaction that refers to it has finished.
     */
    private record StoredBody(String blobId, long size, byte[] facts, FileBlobStore.Pin pin) {
    }

    private StoredBody persist(IncomingMessage message) {
        return persist(message, false);
    }

    /**
     * Stores the body; if {@code deferred}, a journaled body may not be durable yet and the caller must pass
     * {@code pin()::awaitDurable} as the prerequisite of the transaction that refers to it.
     */
    private StoredBody persist(IncomingMessage message, boolean deferred) {
        FileIncomingMessage m = own(message);
        FileBlobStore.Pin pin;
        try {
            pin = deferred ? blobs.persistDeferred(m) : blobs.persist(m);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot store message body: " + e.getMessage(), e);
        }
        try {
            return new StoredBody(pin.id(), m.size(), parse(m, pin.id()), pin);
        } catch (RuntimeException | Error e) {
            pin.close();
            throw e;
        }
    }

    private static void unpin(StoredBody body) {
        if (body != null) {
            body.pin().close();
        }
    }

    /** Parses a body being stored, from memory if it is there (no need to read the blob file back). */
    private byte[] parse(FileIncomingMessage message, String blobId) {
        Optional<InputStream> memory = message.inMemory();
        return memory.isPresent() ? parse(memory.get(), blobId) : parse(blobId);
    }

    /** Parses outside any transaction; a parser failure never fails the delivery (facts come later). */
    private byte[] parse(String blobId) {
        try (InputStream in = blobs.open(blobId)) {
            return parse(in, blobId);
        } catch (IOException e) {
            LOG.debug("message {} not parsed at delivery: {}", blobId, e.toString());
            return null;
        }
    }

    private byte[] parse(InputStream in, String blobId) {
        try {
            MessageFacts facts = parser.parse(in);
            return facts == null ? null : MessageFactsCodec.encode(facts);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            LOG.debug("message {} not parsed at delivery: {}", blobId, e.toString());
            return null;
        }
    }

    @Override
    public DeliveryReceipt deliver(Delivery delivery) {
        FileIncomingMessage message = own(delivery.message());
        StoredBody body = null;
        try {
            if (delivery.localAccountIds().isEmpty() && delivery.remoteRecipients().isEmpty()) {
                throw new IllegalArgumentException("a delivery needs at least one recipient");
            }
            // The body's journal fdatasync is awaited by the writer thread, once for the deliveries that commit
            // together, instead of once by each delivery thread.
            body = persist(message, true);
            StoredBody stored = body;
            CombinedWriter.Prerequisite durable = stored.pin()::awaitDurable;
            long[] accountIds = delivery.localAccountIds().stream().mapToLong(Long::longValue).distinct().sorted()
                    .toArray();
            DeliveryReceipt receipt;
            try {
                receipt = db.writeCombined("deliver", durable,
                        tx -> deliverTx(tx, delivery, stored, accountIds, true));
            } catch (StaleInbox e) {
                // Rolled back (the unit failed alone); look every INBOX up again this time.
                receipt = db.writeCombined("deliver", durable,
                        tx -> deliverTx(tx, delivery, stored, accountIds, false));
            }
            delivered.increment(receipt.placements().size());
            return receipt;
        } finally {
            unpin(body); // the transaction has finished either way (writeCombined waits for its outcome)
            message.discard();
        }
    }

    /** A remembered INBOX id turned out wrong in a delivery's transaction (see {@link #inboxes}). */
    private static final class StaleInbox extends RuntimeException {
        StaleInbox() {
            super("remembered INBOX id is stale", null, false, false);
        }
    }

    private DeliveryReceipt deliverTx(Tx tx, Delivery delivery, StoredBody body, long[] accountIds,
                                      boolean useRemembered) throws SQLException {
        // Unlocked work first, so the hot account and mailbox row locks are held only for the few statements
        // that need them (and the commit).
        TreeMap<Long, Long> accountByInbox = new TreeMap<>();
        for (long accountId : accountIds) {
            Long remembered = useRemembered ? inboxes.get(accountId) : null;
            accountByInbox.put(remembered != null ? remembered : lookUpInbox(tx, accountId), accountId);
        }
        long bodyId = accountIds.length == 0 ? 0 : insertBody(tx, body);
        long now = System.currentTimeMillis();
        long queueId = delivery.remoteRecipients().isEmpty() ? 0
                : JdbcOutboundQueue.insert(tx, body.blobId(), delivery, now);
        for (long accountId : accountIds) {
            charge(tx, accountId, body.size(), 1);
        }
        List<DeliveryReceipt.Placement> placements = new ArrayList<>(accountIds.length);
        for (Map.Entry<Long, Long> e : accountByInbox.entrySet()) {
            long mailboxId = e.getKey();
            Allocation a = allocateInInbox(tx, mailboxId, e.getValue(), body.size());
            insertMessage(tx, mailboxId, a.firstUid(), a.modSeq(), 0, null, now, body.size(), body.blobId(),
                    bodyId);
            placements.add(new DeliveryReceipt.Placement(a.accountId(), mailboxId, a.firstUid()));
            tx.publish(new StoreEvent.MessagesAdded(a.accountId(), mailboxId, List.of(a.firstUid()), a.modSeq(),
                    Origin.SYSTEM));
        }
        placements.sort((x, y) -> Long.compare(x.accountId(), y.accountId()));
        return new DeliveryReceipt(body.blobId(), List.copyOf(placements), queueId);
    }

    private long lookUpInbox(Tx tx, long accountId) throws SQLException {
        long inbox = tx.queryOne("SELECT id FROM mailboxes WHERE account_id = ? AND name = 'INBOX'",
                rs -> rs.getLong(1), accountId)
                .orElseThrow(() -> new AccountNotFoundException("no account with id " + accountId));
        if (inboxes.size() >= MAX_REMEMBERED_INBOXES) {
            inboxes.clear();
        }
        inboxes.put(accountId, inbox);
        return inbox;
    }

    /**
     * {@link #allocate} in what should be the account's INBOX; throws {@link StaleInbox} (after forgetting it) if
     * the remembered mailbox is gone or is not that INBOX any more. A looked-up id passes the same check.
     */
    private Allocation allocateInInbox(Tx tx, long mailboxId, long accountId, long bytes) throws SQLException {
        Allocation a;
        try {
            a = allocate(tx, mailboxId, 1, 1, bytes);
        } catch (MailboxNotFoundException e) {
            inboxes.remove(accountId, mailboxId);
            throw new StaleInbox();
        }
        if (a.accountId() != accountId || !"INBOX".equals(a.mailboxName())) {
            inboxes.remove(accountId, mailboxId);
            throw new StaleInbox();
        }
        return a;
    }

    /**
     * Adds {@code bytes} and {@code count} messages to the account's usage, locking its row; refuses with
     * {@link QuotaExceededException} when that would pass the quota.
     */
    static void charge(Tx tx, long accountId, long bytes, long count) throws SQLException {
        int n = tx.update("UPDATE accounts SET used_bytes = used_bytes + ?, message_count = message_count + ?"
                + " WHERE id = ? AND removed = FALSE AND (quota_bytes < 0 OR used_bytes + ? <= quota_bytes)",
                bytes, count, accountId, bytes);
        if (n == 1) {
            return;
        }
        var row = tx.queryOne("SELECT address, used_bytes, quota_bytes FROM accounts WHERE id = ? AND removed = FALSE",
                rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3)}, accountId);
        if (row.isEmpty()) {
            throw new AccountNotFoundException("no account with id " + accountId);
        }
        Object[] r = row.get();
        throw new QuotaExceededException("mailbox of " + r[0] + " is full: " + r[1] + " of " + r[2]
                + " bytes used, message needs " + bytes);
    }

    /** First UID and the MODSEQ of this change, taken under the mailbox row lock. */
    record Allocation(long accountId, String mailboxName, long firstUid, long modSeq, long uidValidity) {
    }

    /** Takes {@code count} UIDs and one MODSEQ, and counts the new (recent) messages in the mailbox's counters. */
    static Allocation allocate(Tx tx, long mailboxId, int count, long unseen, long bytes) throws SQLException {
        int n = tx.update("UPDATE mailboxes SET uid_next = uid_next + ?, highest_modseq = highest_modseq + 1,"
                + " message_count = message_count + ?, unseen_count = unseen_count + ?,"
                + " recent_count = recent_count + ?, size_bytes = size_bytes + ? WHERE id = ?",
                count, count, unseen, count, bytes, mailboxId);
        if (n == 0) {
            throw new MailboxNotFoundException("no mailbox with id " + mailboxId);
        }
        Mailbox mb = MailboxRows.get(tx, mailboxId);
        if (!mb.selectable()) {
            throw new MailboxOperationException("mailbox " + mb.name() + " is \\Noselect");
        }
        return new Allocation(mb.accountId(), mb.name(), mb.uidNext() - count, mb.highestModSeq(),
                mb.uidValidity());
    }

    private static void insertMessage(Tx tx, long mailboxId, long uid, long modSeq, int flags, String keywords,
                                      long internalDate, long size, String blobId, long bodyId) throws SQLException {
        tx.update("INSERT INTO message_rows (msg_key, mailbox_id, uid, modseq, flags, keywords, internal_date, size,"
                + " blob_id, seen, body_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                MessageRows.key(mailboxId, uid), mailboxId, uid, modSeq, flags, keywords, internalDate, size,
                BlobKeys.key(blobId), (flags & FlagCodec.SEEN_BIT) != 0, bodyId);
    }

    /**
     * A new body row (and its facts) for the message rows a delivery or append is about to insert; returns its id.
     * One per stored body, not per distinct blob: finding an existing row for the blob would need an index keyed by
     * it, a random insert per delivery.
     */
    private long insertBody(Tx tx, StoredBody body) throws SQLException {
        long id = bodyIds.incrementAndGet();
        tx.update("INSERT INTO bodies (body_id, blob_id) VALUES (?, ?)", id, BlobKeys.key(body.blobId()));
        if (body.facts() != null) {
            tx.update("INSERT INTO body_facts (body_id, facts) VALUES (?, ?)", id, body.facts());
        }
        return id;
    }

    @Override
    public AppendResult append(long mailboxId, IncomingMessage message, Flags flags, Instant internalDate,
                               Origin origin) {
        FileIncomingMessage m = own(message);
        StoredBody stored = null;
        try {
            int mask = FlagCodec.mask(flags);
            String keywords = FlagCodec.keywords(flags);
            stored = persist(m);
            StoredBody body = stored;
            long date = (internalDate == null ? Instant.now() : internalDate).toEpochMilli();
            return db.write("append", tx -> {
                long accountId = accountOf(tx, mailboxId);
                charge(tx, accountId, body.size(), 1);
                Allocation a = allocate(tx, mailboxId, 1, (mask & FlagCodec.SEEN_BIT) != 0 ? 0 : 1, body.size());
                insertMessage(tx, mailboxId, a.firstUid(), a.modSeq(), mask, keywords, date, body.size(),
                        body.blobId(), insertBody(tx, body));
                tx.publish(new StoreEvent.MessagesAdded(accountId, mailboxId, List.of(a.firstUid()), a.modSeq(),
                        origin));
                return new AppendResult(mailboxId, a.uidValidity(), a.firstUid(), a.modSeq());
            });
        } finally {
            unpin(stored);
            m.discard();
        }
    }

    private static long accountOf(Tx tx, long mailboxId) throws SQLException {
        return tx.queryOne("SELECT account_id FROM mailboxes WHERE id = ?", rs -> rs.getLong(1), mailboxId)
                .orElseThrow(() -> new MailboxNotFoundException("no mailbox with id " + mailboxId));
    }

    @Override
    public long[] uids(long mailboxId) {
        return db.read("uids", tx -> {
            long[] out = new long[256];
            int n = 0;
            try (PreparedStatement ps = tx.prepare("SELECT uid FROM message_rows WHERE msg_key BETWEEN ? AND ?"
                    + " ORDER BY msg_key", MessageRows.key(mailboxId, 1), MessageRows.key(mailboxId, MessageRows.MAX_UID));
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = rs.getLong(1);
                }
            }
            if (n == 0) {
                MailboxRows.get(tx, mailboxId);
            }
            return Arrays.copyOf(out, n);
        });
    }

    @Override
    public List<MessageMeta> list(long mailboxId, UidSet uids) {
        return db.read("list", tx -> {
            List<MessageMeta> out = select(tx, mailboxId, uids, false);
            if (out.isEmpty()) {
                MailboxRows.get(tx, mailboxId);
            }
            return out;
        });
    }

    /** The rows whose UIDs are in the set, ascending, in one query. */
    static List<MessageMeta> select(Tx tx, long mailboxId, UidSet uids, boolean forUpdate) throws SQLException {
        if (uids.isEmpty()) {
            return List.of();
        }
        List<UidSet.Range> ranges = new ArrayList<>();
        for (UidSet.Range r : uids.ranges()) {
            if (r.from() <= MessageRows.MAX_UID) {
                ranges.add(new UidSet.Range(r.from(), Math.min(r.to(), MessageRows.MAX_UID)));
            }
        }
        if (ranges.isEmpty()) {
            return new ArrayList<>();
        }
        boolean filter = ranges.size() > MAX_SQL_RANGES;
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (filter) {
            where.append("msg_key BETWEEN ? AND ?");
            args.add(MessageRows.key(mailboxId, ranges.get(0).from()));
            args.add(MessageRows.key(mailboxId, ranges.get(ranges.size() - 1).to()));
        } else {
            for (UidSet.Range r : ranges) {
                if (where.length() > 0) {
                    where.append(" OR ");
                }
                where.append("msg_key BETWEEN ? AND ?");
                args.add(MessageRows.key(mailboxId, r.from()));
                args.add(MessageRows.key(mailboxId, r.to()));
            }
        }
        String sql = "SELECT " + META + " FROM message_rows WHERE " + where + " ORDER BY msg_key"
                + (forUpdate ? " FOR UPDATE" : "");
        List<MessageMeta> rows = tx.query(sql, rs -> meta(mailboxId, rs), args.toArray());
        if (filter) {
            rows.removeIf(m -> !uids.contains(m.uid()));
        }
        return rows;
    }

    static MessageMeta meta(long mailboxId, ResultSet rs) throws SQLException {
        return new MessageMeta(mailboxId, rs.getLong(1), rs.getLong(2), FlagCodec.decode(rs.getInt(3),
                rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getLong(6), BlobKeys.id(rs, 7));
    }

    @Override
    public Map<Long, MessageFacts> facts(long mailboxId, UidSet uids) {
        List<MessageMeta> metas = list(mailboxId, uids);
        Map<Long, StoredFacts> stored = db.read("facts", tx -> loadFacts(tx, mailboxId, metas));
        Map<Long, MessageFacts> out = new LinkedHashMap<>();
        Map<Long, MessageFacts> decoded = new HashMap<>();
        for (MessageMeta m : metas) {
            StoredFacts s = stored.get(m.uid());
            if (s == null) {
                continue; // expunged meanwhile
            }
            MessageFacts f = decoded.get(s.bodyId());
            if (f == null) {
                f = decodeOrParse(s.bodyId(), m.blobId(), s.facts());
                if (f == null) {
                    continue;
                }
                decoded.put(s.bodyId(), f);
            }
            out.put(m.uid(), f);
        }
        return out;
    }

    /** A message row's body and its stored facts (null if none were stored). */
    private record StoredFacts(long bodyId, byte[] facts) {
    }

    /** By UID: the body of each of {@code metas} and its facts, in chunks of 200 rows. */
    private static Map<Long, StoredFacts> loadFacts(Tx tx, long mailboxId, List<MessageMeta> metas)
            throws SQLException {
        Map<Long, StoredFacts> out = new HashMap<>();
        for (int i = 0; i < metas.size(); i += 200) {
            List<MessageMeta> chunk = metas.subList(i, Math.min(metas.size(), i + 200));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            Object[] keys = chunk.stream().map(m -> MessageRows.key(mailboxId, m.uid())).toArray();
            tx.query("SELECT m.uid, m.body_id, f.facts FROM message_rows m LEFT JOIN body_facts f"
                    + " ON f.body_id = m.body_id WHERE m.msg_key IN (" + marks + ")", rs -> {
                out.put(rs.getLong(1), new StoredFacts(rs.getLong(2), rs.getBytes(3)));
                return null;
            }, keys);
        }
        return out;
    }

    /** Decodes stored facts; a body stored while the parser failed is parsed now and its facts kept. */
    private MessageFacts decodeOrParse(long bodyId, String blobId, byte[] stored) {
        if (stored != null) {
            try {
                return MessageFactsCodec.decode(stored);
            } catch (RuntimeException e) {
                LOG.warn("stored facts of {} unreadable, parsing again: {}", blobId, e.toString());
            }
        }
        byte[] fresh = parse(blobId);
        if (fresh == null) {
            return null;
        }
        try {
            db.write("facts_store", tx -> {
                // Only while the body row exists: its last message may have gone meanwhile.
                tx.update("DELETE FROM body_facts WHERE body_id = ?", bodyId);
                tx.update("INSERT INTO body_facts (body_id, facts) SELECT body_id, ? FROM bodies WHERE body_id = ?",
                        fresh, bodyId);
                tx.nothingChanged(); // a cache: no need to wait for its fsync
                return null;
            });
            return MessageFactsCodec.decode(fresh);
        } catch (RuntimeException e) {
            LOG.warn("facts of {} not usable: {}", blobId, e.toString());
            return null;
        }
    }

    @Override
    public StoreResult storeFlags(long mailboxId, UidSet uids, FlagOperation operation, Flags flags,
                                  long unchangedSince, Origin origin) {
        FlagCodec.keywords(flags); // validates keywords before any work
        return db.write("store_flags", tx -> {
            Mailbox mb = MailboxRows.lock(tx, mailboxId);
            List<MessageMeta> rows = select(tx, mailboxId, uids, false);
            long modSeq = mb.highestModSeq() + 1;
            List<MessageMeta> result = new ArrayList<>(rows.size());
            List<MessageMeta> changed = new ArrayList<>();
            List<Long> failed = new ArrayList<>();
            for (MessageMeta m : rows) {
                if (unchangedSince > 0 && m.modSeq() > unchangedSince) {
                    failed.add(m.uid());
                    result.add(m);
                    continue;
                }
                Flags next = apply(m.flags(), operation, flags);
                if (next.equals(m.flags())) {
                    result.add(m);
                    continue;
                }
                MessageMeta updated = new MessageMeta(mailboxId, m.uid(), modSeq, next, m.internalDate(), m.size(),
                        m.blobId());
                changed.add(updated);
                result.add(updated);
            }
            if (changed.isEmpty()) {
                tx.nothingChanged();
            } else {
                updateFlags(tx, mailboxId, changed, modSeq);
                long unseenDelta = 0;
                for (int i = 0, j = 0; i < rows.size() && j < changed.size(); i++) {
                    if (rows.get(i).uid() == changed.get(j).uid()) {
                        boolean wasSeen = rows.get(i).flags().contains(Flags.SystemFlag.SEEN);
                        boolean isSeen = changed.get(j).flags().contains(Flags.SystemFlag.SEEN);
                        unseenDelta += (wasSeen ? 0 : -1) + (isSeen ? 0 : 1);
                        j++;
                    }
                }
                tx.update("UPDATE mailboxes SET highest_modseq = ?, unseen_count = unseen_count + ? WHERE id = ?",
                        modSeq, unseenDelta, mailboxId);
                tx.publish(new StoreEvent.FlagsChanged(mb.accountId(), mailboxId, List.copyOf(changed), origin));
            }
            return new StoreResult(result, changed, UidSet.of(failed));
        });
    }

    private static Flags apply(Flags current, FlagOperation op, Flags given) {
        return switch (op) {
            case REPLACE -> given;
            case ADD -> current.union(given);
            case REMOVE -> current.minus(given);
        };
    }

    private static void updateFlags(Tx tx, long mailboxId, List<MessageMeta> changed, long modSeq)
            throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "UPDATE message_rows SET flags = ?, keywords = ?, seen = ?, modseq = ? WHERE msg_key = ?")) {
            for (MessageMeta m : changed) {
                ps.setInt(1, FlagCodec.mask(m.flags()));
                ps.setString(2, FlagCodec.keywords(m.flags()));
                ps.setBoolean(3, m.flags().contains(Flags.SystemFlag.SEEN));
                ps.setLong(4, modSeq);
                ps.setLong(5, MessageRows.key(mailboxId, m.uid()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public CopyResult copy(long fromMailboxId, UidSet uids, long toMailboxId, Origin origin) {
        return db.write("copy", tx -> copyTx(tx, fromMailboxId, uids, toMailboxId, origin, false));
    }

    @Override
    public CopyResult move(long fromMailboxId, UidSet uids, long toMailboxId, Origin origin) {
        return db.write("move", tx -> copyTx(tx, fromMailboxId, uids, toMailboxId, origin, true));
    }

    private CopyResult copyTx(Tx tx, long fromId, UidSet uids, long toId, Origin origin, boolean move)
            throws SQLException {
        long accountId = accountOf(tx, fromId);
        if (accountOf(tx, toId) != accountId) {
            throw new MailboxOperationException("cannot copy between accounts");
        }
        AccountRows.lock(tx, accountId);
        // Mailbox rows in ascending id order, as everywhere.
        MailboxRows.lock(tx, Math.min(fromId, toId));
        MailboxRows.lock(tx, Math.max(fromId, toId));
        List<MessageMeta> rows = select(tx, fromId, uids, false);
        if (!move && !rows.isEmpty()) {
            charge(tx, accountId, rows.stream().mapToLong(MessageMeta::size).sum(), rows.size());
        }
        Mailbox dest = MailboxRows.get(tx, toId);
        if (rows.isEmpty()) {
            tx.nothingChanged();
            return new CopyResult(dest.uidValidity(), List.of(), List.of());
        }
        long unseen = rows.stream().filter(m -> !m.flags().contains(Flags.SystemFlag.SEEN)).count();
        Allocation a = allocate(tx, toId, rows.size(), unseen, rows.stream().mapToLong(MessageMeta::size).sum());
        List<Long> sourceUids = new ArrayList<>(rows.size());
        List<Long> destUids = new ArrayList<>(rows.size());
        // Copied from the source row, so the copy shares its body row (flags and keywords as read above).
        try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO message_rows (msg_key, mailbox_id,"
                + " uid, modseq, flags, keywords, internal_date, size, blob_id, seen, body_id)"
                + " SELECT ?, ?, ?, ?, flags, keywords, internal_date, size, blob_id, seen, body_id"
                + " FROM message_rows WHERE msg_key = ?")) {
            long uid = a.firstUid();
            for (MessageMeta m : rows) {
                ps.setLong(1, MessageRows.key(toId, uid));
                ps.setLong(2, toId);
                ps.setLong(3, uid);
                ps.setLong(4, a.modSeq());
                ps.setLong(5, MessageRows.key(fromId, m.uid()));
                ps.addBatch();
                sourceUids.add(m.uid());
                destUids.add(uid++);
            }
            ps.executeBatch();
        }
        if (move) {
            long modSeq = removeRows(tx, fromId, rows);
            tx.publish(new StoreEvent.MessagesExpunged(accountId, fromId, List.copyOf(sourceUids), modSeq, origin));
        }
        long destModSeq = MailboxRows.get(tx, toId).highestModSeq();
        tx.publish(new StoreEvent.MessagesAdded(accountId, toId, List.copyOf(destUids), destModSeq, origin));
        return new CopyResult(a.uidValidity(), sourceUids, destUids);
    }

    /** Deletes rows of a locked mailbox, leaving tombstones with a new MODSEQ; returns that MODSEQ. */
    private static long removeRows(Tx tx, long mailboxId, List<MessageMeta> rows) throws SQLException {
        tx.update("UPDATE mailboxes SET highest_modseq = highest_modseq + 1 WHERE id = ?", mailboxId);
        long modSeq = MailboxRows.get(tx, mailboxId).highestModSeq();
        List<Long> uids = new ArrayList<>(rows.size());
        long unseen = 0;
        long bytes = 0;
        try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM message_rows WHERE msg_key = ?")) {
            for (MessageMeta m : rows) {
                ps.setLong(1, MessageRows.key(mailboxId, m.uid()));
                ps.addBatch();
                uids.add(m.uid());
                unseen += m.flags().contains(Flags.SystemFlag.SEEN) ? 0 : 1;
                bytes += m.size();
            }
            ps.executeBatch();
        }
        MessageRows.adjust(tx, mailboxId, -rows.size(), -unseen, 0, -bytes);
        recountRecent(tx, mailboxId);
        JdbcMailboxes.insertTombstones(tx, mailboxId, uids, modSeq);
        return modSeq;
    }

    @Override
    public List<Long> expunge(long mailboxId, UidSet uids, ExpungeMode mode, Origin origin) {
        return db.write("expunge", tx -> {
            long accountId = accountOf(tx, mailboxId);
            AccountRows.lock(tx, accountId);
            MailboxRows.lock(tx, mailboxId);
            List<MessageMeta> rows = new ArrayList<>(select(tx, mailboxId, uids, false));
            if (mode == ExpungeMode.DELETED_ONLY) {
                rows.removeIf(m -> !m.flags().contains(Flags.SystemFlag.DELETED));
            }
            if (rows.isEmpty()) {
                tx.nothingChanged();
                return List.<Long>of();
            }
            List<Long> bodies = BodyRows.ofMessages(tx, mailboxId, rows);
            long modSeq = removeRows(tx, mailboxId, rows);
            // Not for MOVE: its rows were copied first, so every body it drops is still referenced.
            BodyRows.release(tx, bodies);
            long bytes = rows.stream().mapToLong(MessageMeta::size).sum();
            tx.update("UPDATE accounts SET used_bytes = used_bytes - ?, message_count = message_count - ? WHERE id = ?",
                    bytes, rows.size(), accountId);
            List<Long> out = rows.stream().map(MessageMeta::uid).toList();
            tx.publish(new StoreEvent.MessagesExpunged(accountId, mailboxId, out, modSeq, origin));
            return out;
        });
    }

    @Override
    public Changes changesSince(long mailboxId, long modSeq) {
        return db.read("changes_since", tx -> {
            Mailbox mb = MailboxRows.get(tx, mailboxId);
            List<MessageMeta> changed = tx.query("SELECT " + META + " FROM message_rows WHERE mailbox_id = ?"
                    + " AND modseq > ? ORDER BY uid", rs -> meta(mailboxId, rs), mailboxId, modSeq);
            List<Long> expunged = tx.query("SELECT uid FROM expunged WHERE mailbox_id = ? AND modseq > ? ORDER BY uid",
                    rs -> rs.getLong(1), mailboxId, modSeq);
            return new Changes(mb.highestModSeq(), changed, expunged);
        });
    }

    @Override
    public List<Long> claimRecent(long mailboxId) {
        // Every session selected on the mailbox asks after each new message; only the first finds anything.
        // Reading the committed counter first, without the writer lock or the row lock, lets the others return
        // at once (10,000 IDLE sessions would otherwise take 10,000 locked transactions).
        if (db.read("claim_recent_check", tx -> tx.queryLong("SELECT recent_count FROM mailboxes WHERE id = ?",
                mailboxId)) == 0) {
            return List.of();
        }
        return db.write("claim_recent", tx -> {
            // Not fsynced on its own: losing a \Recent claim in a power cut is harmless, the next commit syncs it.
            tx.nothingChanged();
            MailboxRows.lock(tx, mailboxId);
            long[] range = tx.queryOne("SELECT first_recent_uid, uid_next FROM mailboxes WHERE id = ?",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)}, mailboxId).orElseThrow();
            if (range[0] >= range[1]) {
                return List.<Long>of();
            }
            List<Long> uids = tx.query("SELECT uid FROM message_rows WHERE msg_key >= ? AND msg_key < ?"
                    + " ORDER BY msg_key", rs -> rs.getLong(1),
                    MessageRows.key(mailboxId, range[0]), MessageRows.key(mailboxId, range[1]));
            tx.update("UPDATE mailboxes SET first_recent_uid = uid_next, recent_count = 0 WHERE id = ?", mailboxId);
            return uids;
        });
    }

    /** Recounts the recent messages (uid >= first_recent_uid): one range of the table's own key. */
    static void recountRecent(Tx tx, long mailboxId) throws SQLException {
        long floor = tx.queryLong("SELECT first_recent_uid FROM mailboxes WHERE id = ?", mailboxId);
        tx.update("UPDATE mailboxes SET recent_count = (SELECT COUNT(*) FROM message_rows WHERE msg_key >= ?"
                + " AND msg_key < ?) WHERE id = ?", MessageRows.key(mailboxId, floor),
                MessageRows.key(mailboxId + 1, 0), mailboxId);
    }
}
