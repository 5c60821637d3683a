package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.DeliveryReceipt;
import org.tern.store.ExpungeMode;
import org.tern.store.FlagOperation;
import org.tern.store.Flags;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.MessageMeta;
import org.tern.store.Origin;
import org.tern.store.UidSet;
import org.tern.store.event.StoreEvent;
import org.tern.store.testing.TestMailStores;

class ConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void eightThreadsDeliveringGetDistinctIncreasingUids() throws Exception {
        try (MailStore store = TestMailStores.open(dir)) {
            Account a = TestMailStores.account(store, "a@example.org", "p");
            Mailbox inbox = store.mailboxes().find(a.id(), "INBOX").orElseThrow();
            int threads = 8;
            int perThread = 500;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<Long> uids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        DeliveryReceipt r = TestMailStores.deliver(store,
                                TestMailStores.message("t" + thread + " m" + i, "body"), a);
                        uids.add(r.placements().get(0).uid());
                    }
                    return uids;
                }));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> f : futures) {
                List<Long> mine = f.get();
                // each thread sees its own deliveries in strictly increasing UID order
                for (int i = 1; i < mine.size(); i++) {
                    assertThat(mine.get(i)).isGreaterThan(mine.get(i - 1));
                }
                all.addAll(mine);
            }
            pool.shutdown();
            assertThat(all).hasSize(threads * perThread);
            long[] uids = store.messages().uids(inbox.id());
            assertThat(uids).hasSize(threads * perThread);
            assertThat(uids[0]).isEqualTo(1);
            assertThat(uids[uids.length - 1]).isEqualTo(threads * perThread);
            assertThat(store.mailboxes().get(inbox.id()).uidNext()).isEqualTo(threads * perThread + 1);
            assertThat(store.directory().quotaUsage(a.id()).messages()).isEqualTo(threads * perThread);
            org.tern.store.testing.StoreAssertions.countersMatchRows(store, inbox.id());
        }
    }

    @Test
    void concurrentFlagStoresAndExpungesLoseNoUpdate() throws Exception {
        try (MailStore store = TestMailStores.open(dir)) {
            Account a = TestMailStores.account(store, "a@example.org", "p");
            Mailbox inbox = store.mailboxes().find(a.id(), "INBOX").orElseThrow();
            int count = 120;
            for (int i = 0; i < count; i++) {
                TestMailStores.deliver(store, TestMailStores.message("m" + i, "b"), a);
            }
            ConcurrentLinkedQueue<StoreEvent> events = new ConcurrentLinkedQueue<>();
            store.events().subscribe(a.id(), events::add);
            int flaggers = 4;
            ExecutorService pool = Executors.newFixedThreadPool(flaggers + 2);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < flaggers; t++) {
                String keyword = "k" + t;
                futures.add(pool.submit(() -> {
                    Origin o = new Origin("flagger-" + keyword);
                    for (long uid = 1; uid <= count; uid++) {
                        store.messages().storeFlags(inbox.id(), UidSet.of(uid), FlagOperation.ADD,
                                Flags.parse(List.of(keyword)), 0, o);
                    }
                    return null;
                }));
            }
            // two expungers: one removes every 3rd message, the other every 5th (some overlap)
            for (int step : new int[] {3, 5}) {
                futures.add(pool.submit(() -> {
                    for (long uid = step; uid <= count; uid += step) {
                        store.messages().expunge(inbox.id(), UidSet.of(uid), ExpungeMode.ALL_GIVEN,
                                new Origin("expunger-" + step));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            List<MessageMeta> left = store.messages().list(inbox.id(), UidSet.ALL);
            Set<Long> expected = new HashSet<>();
            for (long uid = 1; uid <= count; uid++) {
                if (uid % 3 != 0 && uid % 5 != 0) {
                    expected.add(uid);
                }
            }
            assertThat(left).extracting(MessageMeta::uid).containsExactlyInAnyOrderElementsOf(expected);
            for (MessageMeta m : left) {
                assertThat(m.flags().keywords()).as("uid " + m.uid()).containsExactlyInAnyOrder("k0", "k1", "k2", "k3");
            }
            List<Long> expunged = store.messages().changesSince(inbox.id(), 0).expungedUids();
            assertThat(expunged).hasSize(count - expected.size());
            // every committed change got its own MODSEQ
            List<Long> modSeqs = new ArrayList<>();
            for (StoreEvent e : events) {
                if (e instanceof StoreEvent.FlagsChanged f) {
                    modSeqs.add(f.messages().get(0).modSeq());
                } else if (e instanceof StoreEvent.MessagesExpunged x) {
                    modSeqs.add(x.highestModSeq());
                }
            }
            assertThat(new HashSet<>(modSeqs)).hasSize(modSeqs.size());
            assertThat(store.mailboxes().get(inbox.id()).highestModSeq()).isEqualTo(Collections.max(modSeqs));
            assertThat(store.directory().quotaUsage(a.id()).messages()).isEqualTo(expected.size());
            org.tern.store.testing.StoreAssertions.countersMatchRows(store, inbox.id());
        }
    }
}
