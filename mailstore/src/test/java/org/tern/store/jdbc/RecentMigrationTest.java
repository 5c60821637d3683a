package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.testing.TestMailStores;

/** V4 turns the per-row recent flags of an older store into each mailbox's recent UID floor. */
class RecentMigrationTest {

    @TempDir
    Path dir;

    @Test
    void unclaimedMessagesOfAnOlderStoreStayRecent() throws Exception {
        long inboxId;
        long claimedId;
        long emptyId;
        try (MailStore store = TestMailStores.open(dir)) {
            Account a = TestMailStores.account(store, "a@example.org", "p");
            inboxId = store.mailboxes().find(a.id(), "INBOX").orElseThrow().id();
            for (int i = 0; i < 5; i++) {
                TestMailStores.deliver(store, TestMailStores.message("m" + i, "x"), a);
            }
            Mailbox claimed = store.mailboxes().create(a.id(), "Claimed", java.util.Set.of());
            store.messages().copy(inboxId, org.tern.store.UidSet.ALL, claimed.id(), org.tern.store.Origin.SYSTEM);
            claimedId = claimed.id();
            emptyId = store.mailboxes().create(a.id(), "Empty", java.util.Set.of()).id();
        }
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db").resolve("tern");
        // Back to the V2 shape: a recent column, here with UIDs 1-3 claimed and 4-5 not.
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE message_rows ADD COLUMN recent BOOLEAN DEFAULT FALSE NOT NULL");
            st.execute("CREATE INDEX message_rows_recent_ix ON message_rows (mailbox_id, recent)");
            st.execute("UPDATE message_rows SET recent = (uid >= 4 AND mailbox_id = " + inboxId + ")");
            st.execute("ALTER TABLE mailboxes DROP COLUMN first_recent_uid");
            st.execute("UPDATE mailboxes SET recent_count = 0");
            st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '4'");
        }
        // V4 runs after V5 here: out of order, as it would not in a real upgrade (V5 leaves its columns alone).
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").outOfOrder(true).load()
                .migrate();
        try (MailStore store = TestMailStores.open(dir)) {
            Mailbox inbox = store.mailboxes().get(inboxId);
            assertThat(store.mailboxes().status(inbox.id()).recent()).isEqualTo(2);
            assertThat(store.messages().claimRecent(inbox.id())).containsExactly(4L, 5L);
            assertThat(store.messages().claimRecent(inbox.id())).isEmpty();
            // every message claimed: the floor is UIDNEXT, so the next delivery is the only recent one
            assertThat(store.mailboxes().status(claimedId).recent()).isZero();
            assertThat(store.messages().claimRecent(claimedId)).isEmpty();
            store.messages().copy(inboxId, org.tern.store.UidSet.of(1), claimedId, org.tern.store.Origin.SYSTEM);
            assertThat(store.messages().claimRecent(claimedId)).containsExactly(6L);
            assertThat(store.messages().claimRecent(emptyId)).isEmpty();
            assertThat(store.mailboxes().status(emptyId).recent()).isZero();
        }
    }
}
