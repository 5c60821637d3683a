package org.tern.store.jdbc;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code blob_orphans} table: bodies that lost their last reference ({@code message_rows} +
 * {@code queue_entries}), recorded by the transaction that dropped it, for {@link BlobCollector}.
 *
 * <p>Recording first updates an existing row (taking its row lock) and inserts only if there was none; the
 * collector locks the row ({@code FOR UPDATE}) before it re-checks the references. So a collector that saw a
 * reference a concurrent, uncommitted transaction is dropping either makes that transaction wait and re-insert,
 * or waits for it and then sees the reference gone: a candidate is never lost between the two.
 */
final class BlobOrphans {

    private static final Logger LOG = LoggerFactory.getLogger(BlobOrphans.class);

    /** Ids per IN list: small enough for any database's parameter limit, large enough to save round trips. */
    static final int CHUNK = 200;

    private BlobOrphans() {
    }

    /**
     * Records, in the caller's transaction and after it deleted the rows, those of {@code droppedBlobIds} that no
     * row refers to any more (as this transaction sees it). One indexed query per {@value #CHUNK} ids.
     *
     * <p>Two transactions that drop the last two references to one body at the same moment each still see the
     * other's row and record nothing; so the bodies found still referenced are checked again after the commit
     * (the later of the two then sees both rows gone). That check is one read, and a write only if it found one.
     */
    static void recordUnreferenced(Tx tx, Database db, Collection<String> droppedBlobIds) throws SQLException {
        if (droppedBlobIds.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(new TreeSet<>(droppedBlobIds)); // sorted: row locks in one order
        Set<String> referenced = referenced(tx, ids);
        List<String> stillReferenced = new ArrayList<>(ids);
        stillReferenced.retainAll(referenced);
        ids.removeIf(referenced::contains);
        record(tx, ids, System.currentTimeMillis());
        if (!stillReferenced.isEmpty()) {
            tx.afterCommit(() -> recheck(db, stillReferenced));
        }
    }

    /** After the commit that dropped references: records those of {@code ids} (sorted) now unreferenced. */
    private static void recheck(Database db, List<String> ids) {
        try {
            db.write("blob_orphans_recheck", tx -> {
                List<String> unreferenced = new ArrayList<>(ids);
                unreferenced.removeAll(referenced(tx, ids));
                if (unreferenced.isEmpty()) {
                    tx.nothingChanged();
                } else {
                    record(tx, unreferenced, System.currentTimeMillis());
                }
                return null;
            });
        } catch (RuntimeException e) {
            // The caller's change is committed and must be reported as such; the full scan finds the body later.
            LOG.debug("unreferenced bodies not re-checked after commit: {}", e.toString());
        }
    }

    /** The distinct blob ids of the rows a mailbox delete or account removal is about to delete. */
    static List<String> blobsWhere(Tx tx, String where, Object... args) throws SQLException {
        return tx.query("SELECT DISTINCT blob_id FROM message_rows WHERE " + where, rs -> BlobKeys.id(rs, 1), args);
    }

    /** Those of {@code ids} that a message row or queue entry refers to (committed or by this transaction). */
    static Set<String> referenced(Tx tx, List<String> ids) throws SQLException {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            Object[] args = new Object[chunk.size() * 2];
            for (int j = 0; j < chunk.size(); j++) {
                args[j] = BlobKeys.key(chunk.get(j));
                args[chunk.size() + j] = args[j];
            }
            out.addAll(tx.query("SELECT DISTINCT blob_id FROM message_rows WHERE blob_id IN (" + marks + ")"
                    + " UNION SELECT DISTINCT blob_id FROM queue_entries WHERE blob_id IN (" + marks + ")",
                    rs -> BlobKeys.id(rs, 1), args));
        }
        return out;
    }

    /**
     * Inserts each id as a candidate, or moves an existing candidate's {@code since} forward to this removal (the
     * grace period counts from the last reference going, so a body delivered again and expunged again gets the
     * whole period once more). The update also takes the row lock. {@code ids} sorted ascending.
     */
    static void record(Tx tx, List<String> ids, long since) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "UPDATE blob_orphans SET since = GREATEST(since, ?) WHERE blob_id = ?")) {
            for (String id : ids) {
                ps.setLong(1, since);
                ps.setBytes(2, BlobKeys.key(id));
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < ids.size(); i++) {
                if (counts[i] == 0) {
                    missing.add(ids.get(i));
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Savepoint sp = tx.connection().setSavepoint();
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "INSERT INTO blob_orphans (blob_id, since) VALUES (?, ?)")) {
            for (String id : missing) {
                ps.setBytes(1, BlobKeys.key(id));
                ps.setLong(2, since);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (BatchUpdateException e) {
            if (!anyDuplicate(e)) {
                throw e;
            }
            // A concurrent transaction recorded one of them first: insert one by one, skipping those.
            tx.connection().rollback(sp);
            for (String id : missing) {
                insertIfAbsent(tx, id, since);
            }
        }
    }

    private static boolean anyDuplicate(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            for (Throwable t = s; t != null; t = t.getCause()) {
                if (t instanceof SQLException q && Database.isDuplicate(q)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void insertIfAbsent(Tx tx, String id, long since) throws SQLException {
        Savepoint sp = tx.connection().setSavepoint();
        try {
            tx.update("INSERT INTO blob_orphans (blob_id, since) VALUES (?, ?)", BlobKeys.key(id), since);
        } catch (SQLException e) {
            if (!Database.isDuplicate(e)) {
                throw e;
            }
            tx.connection().rollback(sp);
        }
    }
}
