package org.tern.store.jdbc;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;


/**
 * The {@code blob_orphans} table: bodies that may have lost their last reference, recorded by the transaction that
 * deleted a body row ({@link BodyRows#release}) or a queue entry, and by the full scan, for {@link BlobCollector}
 * (which checks the references again before it deletes anything).
 *
 * <p>Recording first updates an existing row (taking its row lock) and inserts only if there was none; the
 * collector locks the row ({@code FOR UPDATE}) before it re-checks the references.
 */
final class BlobOrphans {

    /** Ids per IN list: small enough for any database's parameter limit, large enough to save round trips. */
    static final int CHUNK = 200;

    private BlobOrphans() {
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
