package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Blob ids become the 32 bytes of their SHA-256 instead of 64 hex digits, in every table that holds one. In Java
 * because SQL has no portable hex decoding.
 *
 * <p>DDL commits on its own (H2), so a server killed halfway leaves part of this done and Flyway runs it again from
 * the start: every step looks at what is there first and carries on from it.
 */
public class V5__Binary_blob_ids extends BaseJavaMigration {

    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        convertColumn(c, "message_rows", "message_rows_blob_ix");
        convertColumn(c, "queue_entries", "queue_entries_blob_ix");
        // Here blob_id is the primary key: build the table again.
        rebuild(c, "message_facts", "(blob_id BYTEA NOT NULL PRIMARY KEY, facts BYTEA NOT NULL)", "facts");
        rebuild(c, "blob_orphans", "(blob_id BYTEA NOT NULL PRIMARY KEY, since BIGINT NOT NULL)", "since");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX IF NOT EXISTS blob_orphans_since_ix ON blob_orphans (since)");
        }
    }

    /** Replaces {@code table}'s hex blob_id column (and its index) by a binary one with the same values. */
    private static void convertColumn(Connection c, String table, String index) throws SQLException {
        try (Statement st = c.createStatement()) {
            boolean staged = columnType(c, table, "blob_key") != null;
            if (isText(columnType(c, table, "blob_id"))) {
                if (!staged) {
                    st.execute("ALTER TABLE " + table + " ADD COLUMN blob_key BYTEA");
                }
                fill(c, st, table);
                st.execute("DROP INDEX IF EXISTS " + index);
                st.execute("ALTER TABLE " + table + " DROP COLUMN blob_id");
                staged = true;
            }
            if (staged) {
                st.execute("ALTER TABLE " + table + " ALTER COLUMN blob_key RENAME TO blob_id");
            }
            st.execute("ALTER TABLE " + table + " ALTER COLUMN blob_id SET NOT NULL");
            st.execute("CREATE INDEX IF NOT EXISTS " + index + " ON " + table + " (blob_id)");
        }
    }

    /** Sets blob_key from blob_id on every row (again, if an earlier attempt got part way). */
    private static void fill(Connection c, Statement st, String table) throws SQLException {
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
    }

    /**
     * Builds {@code table} (blob_id and one more column) again as {@code <table>_v5} with binary ids, then swaps it
     * in. A leftover copy is built again while the old table exists, and renamed once it alone is left.
     */
    private static void rebuild(Connection c, String table, String columns, String other) throws SQLException {
        String copy = table + "_v5";
        try (Statement st = c.createStatement()) {
            boolean old = columnType(c, table, "blob_id") != null;
            if (old && isText(columnType(c, table, "blob_id"))) {
                st.execute("DROP TABLE IF EXISTS " + copy);
                st.execute("CREATE TABLE " + copy + " " + columns);
                copyRows(c, "SELECT blob_id, " + other + " FROM " + table,
                        "INSERT INTO " + copy + " (blob_id, " + other + ") VALUES (?, ?)");
                st.execute("DROP TABLE " + table);
                old = false;
            }
            if (!old && columnType(c, copy, "blob_id") != null) {
                st.execute("ALTER TABLE " + copy + " RENAME TO " + table);
            }
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

    /** The JDBC type of {@code table.column}, or null if there is no such column (or table). */
    private static Integer columnType(Connection c, String table, String column) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        // Unquoted names are stored upper case by H2, lower case by PostgreSQL.
        for (String t : List.of(table.toUpperCase(Locale.ROOT), table)) {
            try (ResultSet rs = meta.getColumns(null, c.getSchema(), t, null)) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                        return rs.getInt("DATA_TYPE");
                    }
                }
            }
        }
        return null;
    }

    private static boolean isText(Integer type) {
        return type != null && (type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR
                || type == Types.NVARCHAR || type == Types.NCHAR);
    }

    private static byte[] key(String hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException("not a blob id: " + hex);
        }
        return HexFormat.of().parseHex(hex);
    }
}
