package org.tern.store.jdbc;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tern.store.Delivery;
import org.tern.store.NotFoundException;
import org.tern.store.queue.OutboundQueue;
import org.tern.store.queue.QueueEntry;
import org.tern.store.queue.QueueRecipient;
import org.tern.store.queue.QueueStats;

/** The outbound queue in SQL; entries are created inside the delivery transaction. */
final class JdbcOutboundQueue implements OutboundQueue {

    private static final String ENTRY = "id, blob_id, envelope_from, dsn_ret, dsn_envid, created, next_attempt,"
            + " attempts, last_error";

    private final Database db;

    JdbcOutboundQueue(Database db) {
        this.db = db;
    }

    /** Inserts the queue entry of a delivery (due now) and returns its id. */
    static long insert(Tx tx, String blobId, Delivery d, long now) throws SQLException {
        Delivery.DsnRequest dsn = d.dsn() == null ? Delivery.DsnRequest.NONE : d.dsn();
        long id = tx.insert("INSERT INTO queue_entries (blob_id, envelope_from, dsn_ret, dsn_envid, created,"
                + " next_attempt, attempts, last_error) VALUES (?, ?, ?, ?, ?, ?, 0, NULL)",
                BlobKeys.key(blobId), d.envelopeFrom() == null ? "" : d.envelopeFrom(), dsn.ret(), dsn.envid(), now,
                now);
        int pos = 0;
        for (Delivery.RemoteRecipient r : d.remoteRecipients()) {
            tx.update("INSERT INTO queue_recipients (entry_id, pos, address, status, dsn_notify, orcpt,"
                    + " last_response) VALUES (?, ?, ?, ?, ?, ?, NULL)",
                    id, pos++, r.address(), QueueRecipient.Status.PENDING.name(), r.dsnNotify(), r.orcpt());
        }
        return id;
    }

    private record Row(long id, String blobId, String from, String ret, String envid, long created,
                       Long next, int attempts, String lastError) {
    }

    private static List<QueueEntry> load(Tx tx, String where, Object... args) throws SQLException {
        List<Row> rows = tx.query("SELECT " + ENTRY + " FROM queue_entries " + where, rs -> {
            long next = rs.getLong(7);
            Long nextOrNull = rs.wasNull() ? null : next;
            return new Row(rs.getLong(1), BlobKeys.id(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getLong(6), nextOrNull, rs.getInt(8), rs.getString(9));
        }, args);
        List<QueueEntry> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            List<QueueRecipient> recipients = tx.query("SELECT address, status, dsn_notify, orcpt, last_response"
                    + " FROM queue_recipients WHERE entry_id = ? ORDER BY pos", rs -> new QueueRecipient(
                    rs.getString(1), QueueRecipient.Status.valueOf(rs.getString(2)), rs.getString(3),
                    rs.getString(4), rs.getString(5)), r.id());
            out.add(new QueueEntry(r.id(), r.blobId(), r.from(), recipients, r.ret(), r.envid(),
                    Instant.ofEpochMilli(r.created()), r.next() == null ? null : Instant.ofEpochMilli(r.next()),
                    r.attempts(), r.lastError()));
        }
        return out;
    }

    @Override
    public List<QueueEntry> list() {
        return db.read("queue_list", tx -> load(tx, "ORDER BY id"));
    }

    @Override
    public Optional<QueueEntry> get(long id) {
        return db.read("queue_get", tx -> load(tx, "WHERE id = ?", id).stream().findFirst());
    }

    @Override
    public List<QueueEntry> due(Instant now, int limit) {
        return db.read("queue_due", tx -> {
            List<QueueEntry> all = load(tx, "WHERE next_attempt IS NOT NULL AND next_attempt <= ?"
                    + " ORDER BY next_attempt, id", now.toEpochMilli());
            return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
        });
    }

    @Override
    public void recordAttempt(long id, List<QueueRecipient> recipients, Instant nextAttempt, String lastError) {
        db.write("queue_attempt", tx -> {
            int n = tx.update("UPDATE queue_entries SET attempts = attempts + 1, next_attempt = ?, last_error = ?"
                    + " WHERE id = ?", nextAttempt == null ? null : nextAttempt.toEpochMilli(), lastError, id);
            if (n == 0) {
                throw new NotFoundException("no queue entry " + id);
            }
            Map<String, QueueRecipient> byAddress = new LinkedHashMap<>();
            for (QueueRecipient r : recipients) {
                byAddress.put(r.address(), r);
            }
            for (QueueRecipient r : byAddress.values()) {
                tx.update("UPDATE queue_recipients SET status = ?, last_response = ? WHERE entry_id = ? AND address = ?",
                        r.status().name(), r.lastResponse(), id, r.address());
            }
            return null;
        });
    }

    @Override
    public void retryNow(long id) {
        db.write("queue_retry", tx -> {
            if (tx.update("UPDATE queue_entries SET next_attempt = ? WHERE id = ?", System.currentTimeMillis(), id)
                    == 0) {
                throw new NotFoundException("no queue entry " + id);
            }
            return null;
        });
    }

    @Override
    public void retryAll() {
        db.write("queue_retry", tx -> tx.update("UPDATE queue_entries SET next_attempt = ? WHERE next_attempt IS NOT NULL",
                System.currentTimeMillis()));
    }

    @Override
    public void remove(long id) {
        db.write("queue_remove", tx -> {
            String blobId = tx.queryOne("SELECT blob_id FROM queue_entries WHERE id = ?",
                    rs -> BlobKeys.id(rs, 1), id).orElseThrow(() -> new NotFoundException("no queue entry " + id));
            tx.update("DELETE FROM queue_entries WHERE id = ?", id);
            // A candidate only: the collector checks whether a body row or another entry still names it.
            BlobOrphans.record(tx, List.of(blobId), System.currentTimeMillis());
            return null;
        });
    }

    @Override
    public QueueStats stats(Instant now) {
        return db.read("queue_stats", tx -> tx.queryOne("SELECT COUNT(*), MIN(created) FROM queue_entries"
                + " WHERE next_attempt IS NOT NULL", rs -> {
                    long count = rs.getLong(1);
                    long oldest = rs.getLong(2);
                    long age = count == 0 ? 0 : Math.max(0, (now.toEpochMilli() - oldest) / 1000);
                    return new QueueStats(count, age);
                }).orElse(new QueueStats(0, 0)));
    }
}
