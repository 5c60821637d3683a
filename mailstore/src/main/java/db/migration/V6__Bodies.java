package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Message rows refer to a body row ({@code bodies}: a sequential {@code body_id} and the blob id) instead of being
 * indexed by blob id, and the parsed facts are keyed by {@code body_id}. A delivery then inserts only at the end of
 * every index it touches: an index keyed by a SHA-256 took a key at a random place per delivery, and H2 rewrote
 * that random page, and the layout entry of the chunk holding it, at every commit (more than half of what a
 * delivery wrote; see docs/benchmarks.md, 2026-11-28 09:08).
 *
 * <p>DDL commits on its own (H2), so a server killed halfway leaves part of this done and Flyway runs it again from
 * the start: every step looks at what is there first. A body row and the rows it is given to are written in one
 * batch, committed together by the next DDL statement or at the end.
 */
public class V6__Bodies extends BaseJavaMigration {

    /** Blob ids read, and rows given a body, per round. */
    private static final int PAGE = 500;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS bodies (body_id BIGINT NOT NULL PRIMARY KEY,"
                    + " blob_id BYTEA NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS body_facts (body_id BIGINT NOT NULL PRIMARY KEY,"
                    + " facts BYTEA NOT NULL)");
            if (!hasColumn(c, "message_rows", "body_id")) {
                st.execute("ALTER TABLE message_rows ADD COLUMN body_id BIGINT");
            }
            assignBodies(c, st, hasColumn(c, "message_facts", "facts"));
            st.execute("ALTER TABLE message_rows ALTER COLUMN body_id SET NOT NULL");
            st.execute("CREATE INDEX IF NOT EXISTS message_rows_body_ix ON message_rows (body_id)");
            st.execute("DROP INDEX IF EXISTS message_rows_blob_ix");
            st.execute("DROP TABLE IF EXISTS message_facts");
        }
    }

    /** Gives every message row without one a body row, one per distinct blob id, with that body's facts. */
    private static void assignBodies(Connection c, Statement st, boolean facts) throws SQLException {
        long next;
        try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(body_id), 0) FROM bodies")) {
            rs.next();
            next = rs.getLong(1);
        }
        try (PreparedStatement page = c.prepareStatement("SELECT DISTINCT blob_id FROM message_rows"
                     + " WHERE body_id IS NULL AND blob_id > ? ORDER BY blob_id FETCH FIRST " + PAGE + " ROWS ONLY");
             PreparedStatement body = c.prepareStatement("INSERT INTO bodies (body_id, blob_id) VALUES (?, ?)");
             PreparedStatement fact = facts ? c.prepareStatement("INSERT INTO body_facts (body_id, facts)"
                     + " SELECT ?, facts FROM message_facts WHERE blob_id = ?") : null;
             PreparedStatement rows = c.prepareStatement("UPDATE message_rows SET body_id = ?"
                     + " WHERE blob_id = ? AND body_id IS NULL")) {
            byte[] after = new byte[0]; // sorts before every id
            while (true) {
                // A page at a time (by the blob index, still there), not every id at once: a large store has
                // millions, and a migration that runs out of memory would fail at every start.
                List<byte[]> blobs = new ArrayList<>(PAGE);
                page.setBytes(1, after);
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        blobs.add(rs.getBytes(1));
                    }
                }
                if (blobs.isEmpty()) {
                    return;
                }
                for (byte[] blob : blobs) {
                    long id = ++next;
                    body.setLong(1, id);
                    body.setBytes(2, blob);
                    body.addBatch();
                    if (fact != null) {
                        fact.setLong(1, id);
                        fact.setBytes(2, blob);
                        fact.addBatch();
                    }
                    rows.setLong(1, id);
                    rows.setBytes(2, blob);
                    rows.addBatch();
                }
                flush(body, fact, rows);
                after = blobs.get(blobs.size() - 1);
            }
        }
    }

    private static void flush(PreparedStatement body, PreparedStatement fact, PreparedStatement rows)
            throws SQLException {
        body.executeBatch();
        if (fact != null) {
            fact.executeBatch();
        }
        rows.executeBatch();
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        // Unquoted names are stored upper case by H2, lower case by PostgreSQL.
        for (String t : List.of(table.toUpperCase(Locale.ROOT), table)) {
            try (ResultSet rs = meta.getColumns(null, c.getSchema(), t, null)) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
