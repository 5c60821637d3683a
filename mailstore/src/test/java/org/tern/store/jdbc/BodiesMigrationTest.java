package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.ExpungeMode;
import org.tern.store.MailStoreConfig;
import org.tern.store.Mailbox;
import org.tern.store.Origin;
import org.tern.store.UidSet;
import org.tern.store.testing.TestMailStores;

/** V6: message rows of a store made before it get body rows, keep their facts, and their bodies are collected. */
class BodiesMigrationTest {

    @TempDir
    Path dir;

    private final byte[] kept = TestMailStores.message("kept", "body kept");
    private final byte[] other = TestMailStores.message("other", "body other");

    @Test
    void rowsGetBodiesAndKeepTheirFacts() throws Exception {
        Ids ids = givenAV5Store(st -> { });
        assertMigrated(ids);
    }

    @Test
    void aMigrationKilledHalfwayIsCompletedAtTheNextStart() throws Exception {
        Ids ids = givenAV5Store(st -> {
            // killed after the tables and the column were added, before any row got a body
            st.execute("CREATE TABLE bodies (body_id BIGINT NOT NULL PRIMARY KEY, blob_id BYTEA NOT NULL)");
            st.execute("CREATE TABLE body_facts (body_id BIGINT NOT NULL PRIMARY KEY, facts BYTEA NOT NULL)");
            st.execute("ALTER TABLE message_rows ADD COLUMN body_id BIGINT");
        });
        assertMigrated(ids);
    }

    private interface Damage {
        void apply(Statement st) throws Exception;
    }

    private record Ids(long inbox, long archive, String kept, String other) {
    }

    private Ids givenAV5Store(Damage damage) throws Exception {
        Ids ids;
        try (JdbcMailStore store = JdbcMailStore.open(MailStoreConfig.forTests(dir), new SimpleMeterRegistry())) {
            Account a = TestMailStores.account(store, "a@example.org", "p");
            long inbox = store.mailboxes().find(a.id(), "INBOX").orElseThrow().id();
            Mailbox archive = store.mailboxes().create(a.id(), "Keep", Set.of());
            String keptId = TestMailStores.deliver(store, kept, a).blobId();
            store.messages().copy(inbox, UidSet.ALL, archive.id(), Origin.SYSTEM);
            String otherId = TestMailStores.deliver(store, other, a).blobId();
            ids = new Ids(inbox, archive.id(), keptId, otherId);
        }
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement st = c.createStatement()) {
            backToV5(st);
            damage.apply(st);
        }
        return ids;
    }

    private void assertMigrated(Ids ids) throws Exception {
        try (JdbcMailStore store = JdbcMailStore.open(MailStoreConfig.forTests(dir), new SimpleMeterRegistry())) {
            assertThat(store.messages().facts(ids.inbox(), UidSet.ALL).get(1L).envelope().subject())
                    .isEqualTo("kept");
            assertThat(store.messages().facts(ids.inbox(), UidSet.ALL).get(2L).envelope().subject())
                    .isEqualTo("other");
            assertThat(store.messages().facts(ids.archive(), UidSet.ALL).get(1L).envelope().subject())
                    .isEqualTo("kept");
            assertThat(count(store, "SELECT COUNT(*) FROM bodies")).as("the copy shares its original's").isEqualTo(2);

            // The copy still holds "kept" after the original goes; "other" loses its last row.
            store.messages().expunge(ids.inbox(), UidSet.ALL, ExpungeMode.ALL_GIVEN, Origin.SYSTEM);
            assertThat(store.blobCollector().collectNow(Instant.now().plusSeconds(7200)).collected()).isEqualTo(1);
            assertThat(store.blobs().exists(ids.other())).isFalse();
            try (InputStream in = store.blobs().open(ids.kept())) {
                assertThat(in.readAllBytes()).isEqualTo(kept);
            }
            // A new delivery takes the next body id.
            Account a = store.directory().account("a@example.org").orElseThrow();
            TestMailStores.deliver(store, TestMailStores.message("new", "body new"), a);
            assertThat(count(store, "SELECT COUNT(*) FROM bodies")).isEqualTo(2);
        }
    }

    private static long count(JdbcMailStore store, String sql) {
        return store.database().read("count", tx -> tx.queryOne(sql, rs -> rs.getLong(1)).orElseThrow());
    }

    private String url() {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db").resolve("tern");
    }

    /** Rebuilds the V5 shape (facts and an index keyed by blob id, no body rows) and forgets V6 ran. */
    static void backToV5(Statement st) throws Exception {
        st.execute("CREATE TABLE message_facts (blob_id BYTEA NOT NULL PRIMARY KEY, facts BYTEA NOT NULL)");
        st.execute("INSERT INTO message_facts SELECT b.blob_id, MIN(f.facts) FROM bodies b"
                + " JOIN body_facts f ON f.body_id = b.body_id GROUP BY b.blob_id");
        st.execute("DROP INDEX message_rows_body_ix");
        st.execute("ALTER TABLE message_rows DROP COLUMN body_id");
        st.execute("CREATE INDEX message_rows_blob_ix ON message_rows (blob_id)");
        st.execute("DROP TABLE body_facts");
        st.execute("DROP TABLE bodies");
        st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '6'");
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM message_facts")) {
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
        }
    }
}
