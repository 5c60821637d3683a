package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.AccountNotFoundException;
import org.tern.store.Delivery;
import org.tern.store.DeliveryReceipt;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.MessageMeta;
import org.tern.store.QuotaExceededException;
import org.tern.store.UidSet;
import org.tern.store.event.StoreEvent;
import org.tern.store.testing.StoreAssertions;
import org.tern.store.testing.TestMailStores;

/**
 * Concurrent deliveries share transactions; a delivery that fails inside a shared transaction (over quota, unknown
 * account) fails alone and leaves nothing behind, while the others in the same transaction commit.
 */
class CombinedDeliveryTest {

    @TempDir
    Path dir;

    @Test
    void aFailingDeliveryInASharedTransactionFailsAloneAndLeavesNothing() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MailStore store = TestMailStores.open(dir, registry)) {
            Account open = TestMailStores.account(store, "open@example.org", "p");
            byte[] sample = TestMailStores.message("sample", "body");
            // room for about 40 of the ~250 deliveries that also go to this account
            Account small = TestMailStores.account(store, "small@example.org", "p", sample.length * 40L + 100);
            Mailbox openInbox = store.mailboxes().find(open.id(), "INBOX").orElseThrow();
            Mailbox smallInbox = store.mailboxes().find(small.id(), "INBOX").orElseThrow();
            ConcurrentLinkedQueue<StoreEvent> events = new ConcurrentLinkedQueue<>();
            store.events().subscribe(open.id(), events::add);

            int threads = 8;
            int perThread = 90;
            AtomicInteger toOpenOnly = new AtomicInteger();
            AtomicInteger toBoth = new AtomicInteger();
            AtomicInteger overQuota = new AtomicInteger();
            AtomicInteger unknown = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        byte[] m = TestMailStores.message("t" + thread + " m" + i, "body");
                        switch ((thread + i) % 3) {
                            case 0 -> {
                                TestMailStores.deliver(store, m, open);
                                toOpenOnly.incrementAndGet();
                            }
                            case 1 -> {
                                try {
                                    DeliveryReceipt r = TestMailStores.deliver(store, m, open, small);
                                    assertThat(r.placements()).hasSize(2);
                                    toBoth.incrementAndGet();
                                } catch (QuotaExceededException e) {
                                    overQuota.incrementAndGet();
                                }
                            }
                            default -> {
                                try {
                                    store.messages().deliver(new Delivery(TestMailStores.incoming(store, m),
                                            "s@example.net", List.of(open.id(), Long.MAX_VALUE), List.of(),
                                            Delivery.DsnRequest.NONE));
                                } catch (AccountNotFoundException e) {
                                    unknown.incrementAndGet();
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            assertThat(overQuota.get()).as("deliveries refused for quota").isPositive();
            assertThat(toBoth.get()).as("deliveries to both accounts").isPositive();
            assertThat(unknown.get()).as("every delivery naming an unknown account fails").isEqualTo(
                    threads * perThread - toOpenOnly.get() - toBoth.get() - overQuota.get());

            List<MessageMeta> openRows = store.messages().list(openInbox.id(), UidSet.ALL);
            List<MessageMeta> smallRows = store.messages().list(smallInbox.id(), UidSet.ALL);
            // all or none per delivery: a refused delivery left no copy in the account that had room
            assertThat(openRows).hasSize(toOpenOnly.get() + toBoth.get());
            assertThat(smallRows).hasSize(toBoth.get());
            assertThat(store.directory().quotaUsage(open.id()).messages()).isEqualTo(openRows.size());
            assertThat(store.directory().quotaUsage(small.id()).messages()).isEqualTo(smallRows.size());
            assertThat(store.directory().quotaUsage(small.id()).usedBytes())
                    .isEqualTo(smallRows.stream().mapToLong(MessageMeta::size).sum());
            StoreAssertions.countersMatchRows(store, openInbox.id());
            StoreAssertions.countersMatchRows(store, smallInbox.id());
            // UIDs are dense: a rolled-back delivery gave its UID back
            assertThat(openRows.get(openRows.size() - 1).uid()).isEqualTo(openRows.size());
            assertThat(store.mailboxes().get(openInbox.id()).uidNext()).isEqualTo(openRows.size() + 1);

            // exactly one event per committed placement in the open account, none for rolled-back ones
            long added = events.stream().filter(e -> e instanceof StoreEvent.MessagesAdded a
                    && a.mailboxId() == openInbox.id()).mapToLong(e -> ((StoreEvent.MessagesAdded) e).uids().size())
                    .sum();
            assertThat(added).isEqualTo(openRows.size());

            DistributionSummary units = registry.find("tern.store.combined.units").summary();
            assertThat(units).isNotNull();
            assertThat(units.max()).as("some transaction carried several deliveries").isGreaterThan(1);
            assertThat((long) units.totalAmount()).as("units run, including failed ones")
                    .isEqualTo((long) threads * perThread);
        }
    }

    /** Deliveries remember each account's INBOX id; a remembered id that is no longer the INBOX is looked up again. */
    @Test
    void aRememberedInboxThatIsNoLongerTheInboxIsLookedUpAgain() {
        try (MailStore store = TestMailStores.open(dir)) {
            Account a = TestMailStores.account(store, "a@example.org", "p");
            Mailbox inbox = store.mailboxes().find(a.id(), "INBOX").orElseThrow();
            TestMailStores.deliver(store, TestMailStores.message("first", "body"), a); // remembers the INBOX id
            // Behind the store's back: the INBOX row gets another name and a new INBOX row appears.
            ((JdbcMailStore) store).database().write("test", tx -> {
                tx.update("UPDATE mailboxes SET name = 'Former' WHERE id = ?", inbox.id());
                MailboxRows.insert(tx, a.id(), "INBOX", java.util.Set.of(), true, org.tern.store.Origin.SYSTEM);
                return null;
            });
            Mailbox newInbox = store.mailboxes().find(a.id(), "INBOX").orElseThrow();
            assertThat(newInbox.id()).isNotEqualTo(inbox.id());

            DeliveryReceipt r = TestMailStores.deliver(store, TestMailStores.message("second", "body"), a);

            assertThat(r.placements()).extracting(DeliveryReceipt.Placement::mailboxId).containsExactly(newInbox.id());
            assertThat(store.messages().uids(newInbox.id())).containsExactly(1L);
            assertThat(store.messages().uids(inbox.id())).containsExactly(1L);
            StoreAssertions.countersMatchRows(store, inbox.id());
            StoreAssertions.countersMatchRows(store, newInbox.id());
            assertThat(store.directory().quotaUsage(a.id()).messages()).isEqualTo(2);
        }
    }
}
