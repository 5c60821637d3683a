package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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

    @Test
    void referencesFactsCandidatesAndQueueEntriesSurvive() throws Exception {
        byte[] kept = TestMailStores.message("kept", "body kept");
        byte[] dropped = TestMailStores.message("dropped", "body dropped");
        byte[] queued = TestMailStores.message("queued", "body queued");
        long inboxId;
        long archiveId;
        String keptId;
        String droppedId;
        String queuedId;
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
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db").resolve("tern");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            backToHex(st);
            assertThat(firstBlobId(st, "message_facts")).isInstanceOf(String.class);
        }

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
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            for (String table : List.of("message_rows", "message_facts", "blob_orphans", "queue_entries")) {
                assertThat(firstBlobId(st, table)).as(table).isInstanceOf(byte[].class);
            }
            try (ResultSet rs = st.executeQuery("SELECT blob_id FROM blob_orphans")) {
                assertThat(rs.next()).isTrue();
                assertThat(BlobKeys.id(rs, 1)).isEqualTo(droppedId);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM message_facts")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }

    private static Object firstBlobId(Statement st, String table) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT blob_id FROM " + table + " FETCH FIRST 1 ROWS ONLY")) {
            assertThat(rs.next()).as(table).isTrue();
            return rs.getObject(1);
        }
    }

    /** Rebuilds the V4 shape (64 lower-case hex digits) from the binary ids, and forgets V5 ran. */
    private static void backToHex(Statement st) throws Exception {
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
