package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.MailStoreConfig;
import org.tern.store.UidSet;
import org.tern.store.testing.TestMailStores;

/** Facts missing (the parser failed at delivery) or unreadable are parsed from the body again and kept. */
class StoredFactsTest {

    @TempDir
    Path dir;

    private JdbcMailStore store;
    private long inbox;

    @BeforeEach
    void open() {
        store = JdbcMailStore.open(MailStoreConfig.forTests(dir), new SimpleMeterRegistry());
        Account a = TestMailStores.account(store, "a@example.org", "p");
        inbox = store.mailboxes().find(a.id(), "INBOX").orElseThrow().id();
        TestMailStores.deliver(store, TestMailStores.message("first", "one"), a);
        TestMailStores.deliver(store, TestMailStores.message("second", "two"), a);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void missingFactsAreParsedAgainAndStored() {
        store.database().write("drop", tx -> tx.update("DELETE FROM body_facts"));
        assertThat(store.messages().facts(inbox, UidSet.ALL)).hasSize(2)
                .hasEntrySatisfying(1L, f -> assertThat(f.envelope().subject()).isEqualTo("first"))
                .hasEntrySatisfying(2L, f -> assertThat(f.envelope().subject()).isEqualTo("second"));
        assertThat(factRows()).isEqualTo(2);
    }

    @Test
    void unreadableFactsAreReplaced() {
        store.database().write("spoil", tx -> tx.update("UPDATE body_facts SET facts = ?", (Object) new byte[] {1, 2}));
        assertThat(store.messages().facts(inbox, UidSet.of(2)).get(2L).envelope().subject()).isEqualTo("second");
        long readable = store.database().read("read", tx -> tx.queryOne("SELECT COUNT(*) FROM body_facts"
                + " WHERE OCTET_LENGTH(facts) > 2", rs -> rs.getLong(1)).orElseThrow());
        assertThat(readable).as("the spoilt facts of message 2 replaced").isEqualTo(1);
        assertThat(factRows()).isEqualTo(2);
    }

    private long factRows() {
        return store.database().read("count", tx -> tx.queryOne("SELECT COUNT(*) FROM body_facts",
                rs -> rs.getLong(1)).orElseThrow());
    }
}
