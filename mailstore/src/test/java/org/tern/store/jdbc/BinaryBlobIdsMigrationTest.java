package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.Delivery;
import org.tern.store.DeliveryReceipt;
import org.tern.store.ExpungeMode;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.Origin;
import org.tern.store.UidSet;
import org.tern.store.testing.TestMailStores;

/** V5 turns the hex blob ids of an older store into binary ones, keeping every reference. */
class BinaryBlobIdsMigrationTest {

    @TempDir
    Path dir;

    private final byte[] kept = TestMailStores.message("kept", "body kept");
    private final byte[] queued = TestMailStores.message("queued", "body queued");
    private long inboxId;
    private long archiveId;
    private String keptId;
    private String droppedId;
    private String queuedId;

    @Test
    void referencesFactsCandidatesAndQueueEntriesSurvive() throws Exception {
        givenAStoreWithHexIds(st -> { });
        assertMigrated();
    }

    @Test
    void aMigrationKilledHalfwayIsCompletedAtTheNextStart() throws Exception {
        givenAStoreWithHexIds(st -> {
            // message_rows: killed right after adding the new column
            st.execute("ALTER TABLE message_rows ADD COLUMN blob_key BYTEA");
            // queue_entries: killed after dropping the old column, before renaming the new one
            st.execute("ALTER TABLE queue_entries ADD COLUMN blob_key BYTEA");
            fillKeys(st.getConnection(), "queue_entries");
            st.execute("DROP INDEX queue_entries_blob_ix");
            st.execute("ALTER TABLE queue_entries DROP COLUMN blob_id");
            // message_facts: killed after dropping the old table, before renaming the copy
            st.execute("CREATE TABLE message_facts_v5 (blob_id BYTEA NOT NULL PRIMARY KEY, facts BYTEA NOT NULL)");
            try (PreparedStatement ps = st.getConnection().prepareStatement(
                    "INSERT INTO message_facts_v5 VALUES (?, ?)");
                 ResultSet rs = st.getConnection().createStatement().executeQuery(
                         "SELECT blob_id, facts FROM message_facts")) {
                while (rs.next()) {
                    ps.setBytes(1, BlobKeys.key(rs.getString(1)));
                    ps.setBytes(2, rs.getBytes(2));
                    ps.executeUpdate();
                }
            }
            st.execute("DROP TABLE message_facts");
            // blob_orphans: killed while its copy was being filled
            st.execute("CREATE TABLE blob_orphans_v5 (blob_id BYTEA NOT NULL PRIMARY KEY, since BIGINT NOT NULL)");
        });
        assertMigrated();
    }

    private interface Damage {
        void apply(Statement st) throws Exception;
    }

    /** A store as V4 left it (hex ids), with {@code damage} done after, and V5 not recorded as applied. */
    private void givenAStoreWithHexIds(Damage damage) throws Exception {
        byte[] dropped = TestMailStores.message("dropped", "body dropped");
        try (MailStore store = TestMailStores.open(dir)) {
            Account a = TestMailStores.account(store, "a@example.org", "p");
            inboxId = store.mailboxes().find(a.id(), "INBOX").orElseThrow().id();
            Mailbox archive = store.mailboxes().create(a.id(), "Archive2", Set.of());
            archiveId = archive.id();
            keptId = TestMailStores.deliver(store, kept, a).blobId();
            store.messages().copy(inboxId, UidSet.ALL, archiveId, Origin.SYSTEM);
            droppedId = TestMailStores.deliver(store, dropped, a).blobId();
            store.messages().expunge(inboxId, UidSet.of(2), ExpungeMode.ALL_GIVEN, Origin.SYSTEM);
            DeliveryReceipt r = store.messages().deliver(new Delivery(TestMailStores.incoming(store, queued),
                    "a@example.org", List.of(), List.of(new Delivery.RemoteRecipient("x@remote.example", null, null)),
                    Delivery.DsnRequest.NONE));
            queuedId = r.blobId();
        }
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement st = c.createStatement()) {
            backToHex(st);
            assertThat(firstBlobId(st, "message_facts")).isInstanceOf(String.class);
            damage.apply(st);
        }
    }

    private void assertMigrated() throws Exception {
        try (MailStore store = TestMailStores.open(dir)) {
            assertThat(store.messages().list(inboxId, UidSet.ALL)).extracting(m -> m.blobId())
                    .containsExactly(keptId);
            assertThat(store.messages().list(archiveId, UidSet.ALL)).extracting(m -> m.blobId())
                    .containsExactly(keptId);
            try (InputStream in = store.blobs().open(keptId)) {
                assertThat(in.readAllBytes()).isEqualTo(kept);
            }
            assertThat(store.messages().facts(inboxId, UidSet.ALL).get(1L).envelope().subject()).isEqualTo("kept");
            assertThat(store.queue().list()).extracting(e -> e.blobId()).containsExactly(queuedId);
        }
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement st = c.createStatement()) {
            for (String table : List.of("message_rows", "bodies", "blob_orphans", "queue_entries")) {
                assertThat(firstBlobId(st, table)).as(table).isInstanceOf(byte[].class);
            }
            try (ResultSet rs = st.executeQuery("SELECT blob_id FROM blob_orphans")) {
                assertThat(rs.next()).isTrue();
                assertThat(BlobKeys.id(rs, 1)).isEqualTo(droppedId);
                assertThat(rs.next()).isFalse();
            }
            // V6: one body row for the kept message and its copy; the expunged and the queued body have none.
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM body_facts")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_NAME LIKE '%_V5'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("no copy left behind").isZero();
            }
        }
    }

    private String url() {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db").resolve("tern");
    }

    private static void fillKeys(Connection c, String table) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT blob_id FROM " + table)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        for (String id : ids) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET blob_key = ? WHERE blob_id = ?")) {
                ps.setBytes(1, BlobKeys.key(id));
                ps.setString(2, id);
                ps.executeUpdate();
            }
        }
    }

    private static Object firstBlobId(Statement st, String table) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT blob_id FROM " + table + " FETCH FIRST 1 ROWS ONLY")) {
            assertThat(rs.next()).as(table).isTrue();
            return rs.getObject(1);
        }
    }

    /** Rebuilds the V4 shape (64 lower-case hex digits) from the binary ids, and forgets V5 and V6 ran. */
    private static void backToHex(Statement st) throws Exception {
        BodiesMigrationTest.backToV5(st);
        for (String table : List.of("message_rows", "queue_entries")) {
            st.execute("ALTER TABLE " + table + " ADD COLUMN blob_hex VARCHAR(64)");
            st.execute("UPDATE " + table + " SET blob_hex = LOWER(RAWTOHEX(blob_id))");
            st.execute("DROP INDEX " + table + "_blob_ix");
            st.execute("ALTER TABLE " + table + " DROP COLUMN blob_id");
            st.execute("ALTER TABLE " + table + " ALTER COLUMN blob_hex RENAME TO blob_id");
            st.execute("ALTER TABLE " + table + " ALTER COLUMN blob_id SET NOT NULL");
            st.execute("CREATE INDEX " + table + "_blob_ix ON " + table + " (blob_id)");
        }
        st.execute("CREATE TABLE facts_hex (blob_id VARCHAR(64) NOT NULL PRIMARY KEY, facts BYTEA NOT NULL)");
        st.execute("INSERT INTO facts_hex SELECT LOWER(RAWTOHEX(blob_id)), facts FROM message_facts");
        st.execute("DROP TABLE message_facts");
        st.execute("ALTER TABLE facts_hex RENAME TO message_facts");
        st.execute("CREATE TABLE orphans_hex (blob_id VARCHAR(64) NOT NULL PRIMARY KEY, since BIGINT NOT NULL)");
        st.execute("INSERT INTO orphans_hex SELECT LOWER(RAWTOHEX(blob_id)), since FROM blob_orphans");
        st.execute("DROP TABLE blob_orphans");
        st.execute("ALTER TABLE orphans_hex RENAME TO blob_orphans");
        st.execute("CREATE INDEX blob_orphans_since_ix ON blob_orphans (since)");
        st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '5'");
    }
}
