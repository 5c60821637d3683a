package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Blob ids become the 32 bytes of their SHA-256 instead of 64 hex digits, in every table that holds one. In Java
 * because SQL has no portable hex decoding.
 */
public class V5__Binary_blob_ids extends BaseJavaMigration {

    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        convertColumn(c, "message_rows", "message_rows_blob_ix");
        convertColumn(c, "queue_entries", "queue_entries_blob_ix");
        // Here blob_id is the primary key: build the table again.
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE message_facts_v5 (blob_id BYTEA NOT NULL PRIMARY KEY, facts BYTEA NOT NULL)");
            copyRows(c, "SELECT blob_id, facts FROM message_facts",
                    "INSERT INTO message_facts_v5 (blob_id, facts) VALUES (?, ?)");
            st.execute("DROP TABLE message_facts");
            st.execute("ALTER TABLE message_facts_v5 RENAME TO message_facts");

            st.execute("CREATE TABLE blob_orphans_v5 (blob_id BYTEA NOT NULL PRIMARY KEY, since BIGINT NOT NULL)");
            copyRows(c, "SELECT blob_id, since FROM blob_orphans",
                    "INSERT INTO blob_orphans_v5 (blob_id, since) VALUES (?, ?)");
            st.execute("DROP TABLE blob_orphans");
            st.execute("ALTER TABLE blob_orphans_v5 RENAME TO blob_orphans");
            st.execute("CREATE INDEX blob_orphans_since_ix ON blob_orphans (since)");
        }
    }

    /** Replaces {@code table}'s hex blob_id column (and its index) by a binary one with the same values. */
    private static void convertColumn(Connection c, String table, String index) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + table + " ADD COLUMN blob_key BYTEA");
            List<String> ids = new ArrayList<>(); // read first: the updates change the table being read
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT blob_id FROM " + table)) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET blob_key = ? WHERE blob_id = ?")) {
                int pending = 0;
                for (String hex : ids) {
                    ps.setBytes(1, key(hex));
                    ps.setString(2, hex);
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                ps.executeBatch();
            }
            st.execute("DROP INDEX " + index);
            st.execute("ALTER TABLE " + table + " DROP COLUMN blob_id");
            st.execute("ALTER TABLE " + table + " ALTER COLUMN blob_key RENAME TO blob_id");
            st.execute("ALTER TABLE " + table + " ALTER COLUMN blob_id SET NOT NULL");
            st.execute("CREATE INDEX " + index + " ON " + table + " (blob_id)");
        }
    }

    /** Copies two-column rows whose first column is a hex blob id, converting it. */
    private static void copyRows(Connection c, String select, String insert) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(select);
             PreparedStatement ps = c.prepareStatement(insert)) {
            int pending = 0;
            while (rs.next()) {
                ps.setBytes(1, key(rs.getString(1)));
                ps.setObject(2, rs.getObject(2));
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            ps.executeBatch();
        }
    }

    private static byte[] key(String hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException("not a blob id: " + hex);
        }
        return HexFormat.of().parseHex(hex);
    }
}
