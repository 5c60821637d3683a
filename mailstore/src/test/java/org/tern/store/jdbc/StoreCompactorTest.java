package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.MailStoreConfig;
import org.tern.store.testing.TestMailStores;

class StoreCompactorTest {

    /**
     * Time each store is written to. H2 rewrites only chunks older than its retention time (45 s in production),
     * so the test lowers it to {@link #RETENTION_MS} with {@code SET RETENTION_TIME}: chunks become rewritable and
     * reusable within the run.
     */
    private static final long WRITE_MILLIS = Long.getLong("compactor.test.ms", 6000);
    private static final int RETENTION_MS = 100;
    private static final StoreCompactor.Settings FAST = new StoreCompactor.Settings(Duration.ofMillis(200),
            StoreCompactor.Settings.DEFAULTS.stepBytes(), StoreCompactor.Settings.DEFAULTS.triggerFillRate(),
            StoreCompactor.Settings.DEFAULTS.lockBudgetPerRun());
    /** {@code -Dcompactor.test.off=true} runs both stores without compaction: the size test must then fail. */
    private static final StoreCompactor.Settings WITH = Boolean.getBoolean("compactor.test.off")
            ? StoreCompactor.Settings.OFF : FAST;

    @TempDir
    Path dir;

    /**
     * Deliveries for a few seconds: each commit leaves a chunk in which a few pages stay live (the messages' rows
     * and index entries that later commits do not touch again). Without compaction such chunks are never freed and
     * the file grows with the number of commits; with it the file stays a small multiple of the live data.
     */
    @Test
    void theFileStaysFarSmallerThanWithoutCompaction() throws Exception {
        Result without = deliverFor(dir.resolve("off"), StoreCompactor.Settings.OFF);
        Result with = deliverFor(dir.resolve("on"), WITH);
        System.out.printf("without compaction: %s%nwith compaction:    %s%n", without, with);

        assertThat(with.deliveries()).isPositive();
        // Per delivery, so a slower run with compaction is not favoured.
        assertThat(with.bytesPerDelivery()).isLessThan(without.bytesPerDelivery() / 2);
    }

    @Test
    void offDoesNothingAndCloseStopsTheThread() throws Exception {
        try (JdbcMailStore store = JdbcMailStore.open(MailStoreConfig.forTests(dir), new SimpleMeterRegistry(),
                StoreCompactor.Settings.OFF)) {
            assertThat(store.compactor().step()).isFalse();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JdbcMailStore store = JdbcMailStore.open(MailStoreConfig.forTests(dir), registry, FAST);
        assertThat(store.compactor().running()).isTrue();
        assertThat(registry.find("tern.store.db.file.bytes").gauge().value()).isPositive();
        store.close();
        assertThat(store.compactor().running()).isFalse();
    }

    @Test
    void countsTheBytesEachCommitWritesToTheFile() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (JdbcMailStore store = JdbcMailStore.open(MailStoreConfig.forTests(dir), registry,
                StoreCompactor.Settings.OFF)) {
            Account account = TestMailStores.account(store, "bytes@compact.test", "pw");
            double before = registry.find("tern.store.db.written.bytes").functionCounter().count();
            TestMailStores.deliver(store, TestMailStores.message("bytes", "x".repeat(200)), account);
            double after = registry.find("tern.store.db.written.bytes").functionCounter().count();
            // H2 writes whole 4 KiB blocks: a commit is at least one.
            assertThat(after - before).isGreaterThanOrEqualTo(4096);
        }
    }

    record Result(long deliveries, long fileBytes, double steps, double holdP50Ms, double holdMaxMs) {
        long bytesPerDelivery() {
            return fileBytes / Math.max(1, deliveries);
        }
    }

    private Result deliverFor(Path data, StoreCompactor.Settings settings) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong delivered = new AtomicLong();
        long fileBytes;
        try (JdbcMailStore store = JdbcMailStore.open(MailStoreConfig.forTests(data), registry, settings)) {
            store.database().write("retention", tx -> tx.update("SET RETENTION_TIME " + RETENTION_MS));
            List<Account> accounts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                accounts.add(TestMailStores.account(store, "u" + i + "@compact.test", "pw"));
            }
            byte[] body = TestMailStores.message("compaction", "x".repeat(200));
            long stop = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITE_MILLIS);
            List<Thread> threads = new ArrayList<>();
            for (Account a : accounts) {
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < stop) {
                        TestMailStores.deliver(store, body, a);
                        delivered.incrementAndGet();
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            Thread.sleep(3 * RETENTION_MS); // the last chunks become rewritable and reusable too
            fileBytes = Files.size(data.resolve("db").resolve("tern.mv.db"));
            System.out.println(settings + " " + store.compactor().info());
        }
        var hold = registry.find("tern.store.compaction.lock.hold").timer().takeSnapshot();
        double p50 = hold.percentileValues().length == 0 ? 0
                : hold.percentileValues()[0].value(TimeUnit.MILLISECONDS);
        return new Result(delivered.get(), fileBytes, registry.find("tern.store.compactions").counter().count(),
                p50, hold.max(TimeUnit.MILLISECONDS));
    }
}
