package org.tern.store.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.tern.store.Account;
import org.tern.store.Delivery;
import org.tern.store.MailStoreConfig;
import org.tern.store.testing.TestMailStores;

/**
 * Opt-in measurement of the database file size with and without {@link StoreCompactor} (not matched by surefire's
 * default patterns): {@code mvn -B -q -pl mailstore test -Dtest=CompactionBench -Dsurefire.failIfNoSpecifiedTests=false
 * [-Dtern.store.compaction.interval-ms=0]}. Delivers 4 KiB messages with {@code cb.threads} threads (8) to one
 * recipient each for {@code cb.load} seconds (120), then idles {@code cb.idle} seconds (120); prints the file size,
 * H2's chunk fill rates and the delivery rate every 5 s. Production settings: H2's retention time is left at 45 s.
 */
class CompactionBench {

    @Test
    void run() throws Exception {
        int threads = Integer.getInteger("cb.threads", 8);
        int load = Integer.getInteger("cb.load", 120);
        int idle = Integer.getInteger("cb.idle", 120);
        Path data = Path.of("target", "compaction-bench");
        deleteTree(data);
        Path file = data.resolve("db").resolve("tern.mv.db");
        AtomicLong delivered = new AtomicLong();
        StoreCompactor.Settings settings = StoreCompactor.Settings.fromSystemProperties();
        System.out.println("compaction " + (settings.enabled() ? settings : "off"));
        try (JdbcMailStore store = JdbcMailStore.open(MailStoreConfig.forTests(data), new SimpleMeterRegistry(),
                settings)) {
            List<Account> accounts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                accounts.add(TestMailStores.account(store, "user" + i + "@bench.test", "pw"));
            }
            long start = System.nanoTime();
            long stop = start + TimeUnit.SECONDS.toNanos(load);
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long to = accounts.get(t % accounts.size()).id();
                Thread th = new Thread(() -> {
                    for (long n = 0; System.nanoTime() < stop; n++) {
                        byte[] body = TestMailStores.message("bench " + n, "x".repeat(4000));
                        store.messages().deliver(new Delivery(TestMailStores.incoming(store, body), "b@bench.test",
                                List.of(to), List.of(), Delivery.DsnRequest.NONE));
                        delivered.incrementAndGet();
                    }
                });
                th.start();
                ts.add(th);
            }
            long last = 0;
            for (int s = 5; s <= load + idle; s += 5) {
                long at = start + TimeUnit.SECONDS.toNanos(s);
                Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(at - System.nanoTime())));
                long d = delivered.get();
                var info = store.compactor().info();
                System.out.printf(Locale.ROOT, "t=%3ds %s file %6.0f MB, %5.0f deliveries/s, chunks %s%% live"
                                + " (rewritable %s%%), %s chunks%n", s, s <= load ? "load" : "idle",
                        Files.size(file) / 1048576.0, (d - last) / 5.0, info.get("info.CHUNKS_FILL_RATE"),
                        info.get("info.CHUNKS_FILL_RATE_RW"), info.get("info.CHUNK_COUNT"));
                last = d;
            }
            for (Thread t : ts) {
                t.join();
            }
            System.out.printf(Locale.ROOT, "delivered %d in %d s: %.0f /s%n", delivered.get(), load,
                    delivered.get() / (double) load);
        }
        System.out.printf(Locale.ROOT, "after close: %.0f MB%n", Files.size(file) / 1048576.0);
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }
}
