package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.DeliveryReceipt;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.UidSet;
import org.tern.store.testing.TestMailStores;

class BasicStoreTest {

    @TempDir
    Path dir;

    @Test
    void deliversAndReadsBack() throws Exception {
        try (MailStore store = TestMailStores.open(dir)) {
            Account a = TestMailStores.account(store, "alice@example.org", "secret");
            byte[] msg = TestMailStores.message("hi", "hello");
            DeliveryReceipt r = TestMailStores.deliver(store, msg, a);
            assertThat(r.placements()).hasSize(1);
            Mailbox inbox = store.mailboxes().find(a.id(), "inbox").orElseThrow();
            assertThat(store.messages().uids(inbox.id())).containsExactly(1L);
            var meta = store.messages().list(inbox.id(), UidSet.ALL);
            assertThat(meta).hasSize(1);
            try (InputStream in = store.blobs().open(meta.get(0).blobId())) {
                assertThat(in.readAllBytes()).isEqualTo(msg);
            }
            assertThat(store.directory().verifyPassword("Alice@Example.org", "secret".toCharArray())).isPresent();
            assertThat(store.directory().verifyPassword("alice@example.org", "wrong".toCharArray())).isEmpty();
        }
        try (MailStore store = TestMailStores.open(dir)) {
            Account a = store.directory().account("alice@example.org").orElseThrow();
            assertThat(store.mailboxes().list(a.id())).extracting(Mailbox::name)
                    .containsExactly("Archive", "Drafts", "INBOX", "Junk", "Sent", "Trash");
        }
    }
}
