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

    /** Ids per IN list: small enough for any database's parameter limit, large enough to save round trips. */
    static final int CHUNK = 200;

    private BlobOrphans() {
    }

    /**
     * Records, in the caller's transaction and after it deleted the rows, those of {@code droppedBlobIds} that no
     * row refers to any more (as this transaction sees it). One indexed query per {@value #CHUNK} ids.
     */
    static void recordUnreferenced(Tx tx, Collection<String> droppedBlobIds) throws SQLException {
        if (droppedBlobIds.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(new TreeSet<>(droppedBlobIds)); // sorted: row locks in one order
        Set<String> referenced = referenced(tx, ids);
        ids.removeIf(referenced::contains);
        record(tx, ids, System.currentTimeMillis());
    }

    /** The distinct blob ids of the rows a mailbox delete or account removal is about to delete. */
    static List<String> blobsWhere(Tx tx, String where, Object... args) throws SQLException {
        return tx.query("SELECT DISTINCT blob_id FROM message_rows WHERE " + where, rs -> rs.getString(1), args);
    }

    /** Those of {@code ids} that a message row or queue entry refers to (committed or by this transaction). */
    static Set<String> referenced(Tx tx, List<String> ids) throws SQLException {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            Object[] args = new Object[chunk.size() * 2];
            for (int j = 0; j < chunk.size(); j++) {
                args[j] = chunk.get(j);
                args[chunk.size() + j] = chunk.get(j);
            }
            out.addAll(tx.query("SELECT DISTINCT blob_id FROM message_rows WHERE blob_id IN (" + marks + ")"
                    + " UNION SELECT DISTINCT blob_id FROM queue_entries WHERE blob_id IN (" + marks + ")",
                    rs -> rs.getString(1), args));
        }
        return out;
    }

    /**
     * Inserts each id as a candidate unless present (an existing row keeps its older {@code since}, but is
     * touched to take its row lock). {@code ids} sorted ascending.
     */
    static void record(Tx tx, List<String> ids, long since) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "UPDATE blob_orphans SET since = since WHERE blob_id = ?")) {
            for (String id : ids) {
                ps.setString(1, id);
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
                ps.setString(1, id);
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
            tx.update("INSERT INTO blob_orphans (blob_id, since) VALUES (?, ?)", id, since);
        } catch (SQLException e) {
            if (!Database.isDuplicate(e)) {
                throw e;
            }
            tx.connection().rollback(sp);
        }
    }
}
