package org.tern.dist.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.tern.store.MailStore;
import org.tern.store.queue.QueueStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges read from the store at scrape time: {@code tern_queue_depth}, {@code tern_queue_oldest_age_seconds},
 * {@code tern_blob_store_bytes}, {@code tern_accounts}. A failing read reports NaN instead of failing the scrape.
 */
public final class StoreMetrics {

    private static final Logger log = LoggerFactory.getLogger(StoreMetrics.class);
    // One scrape reads both queue gauges; a short cache makes that one query.
    private static final Duration QUEUE_STATS_TTL = Duration.ofSeconds(1);

    private final MailStore store;
    private final Clock clock;
    private QueueStats cachedStats;
    private Instant cachedAt = Instant.MIN;

    private StoreMetrics(MailStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Registers the gauges; they hold the store strongly (Micrometer's default weak reference would drop them). */
    public static void bindTo(MeterRegistry registry, MailStore store, Clock clock) {
        StoreMetrics m = new StoreMetrics(store, clock);
        Gauge.builder("tern.queue.depth", m, s -> s.queueStats().map(q -> (double) q.entries()).orElse(Double.NaN))
                .description("Messages in the outbound queue").strongReference(true).register(registry);
        Gauge.builder("tern.queue.oldest.age", m,
                        s -> s.queueStats().map(q -> (double) q.oldestAgeSeconds()).orElse(Double.NaN))
                .baseUnit("seconds").description("Age of the oldest outbound queue entry (0 when empty)")
                .strongReference(true).register(registry);
        Gauge.builder("tern.blob.store", m, s -> s.read("blob store size", () -> store.blobs().totalBytes()))
                .baseUnit("bytes").description("Bytes of stored message bodies").strongReference(true).register(registry);
        Gauge.builder("tern.accounts", m, s -> s.read("accounts", () -> store.directory().accounts().size()))
                .description("Accounts in the directory").strongReference(true).register(registry);
    }

    private synchronized Optional<QueueStats> queueStats() {
        Instant now = clock.instant();
        if (cachedStats == null || cachedAt.plus(QUEUE_STATS_TTL).isBefore(now)) {
            try {
                cachedStats = store.queue().stats(now);
                cachedAt = now;
            } catch (RuntimeException e) {
                log.debug("queue stats unavailable: {}", e.toString());
                return Optional.empty();
            }
        }
        return Optional.of(cachedStats);
    }

    private double read(String what, LongSupplier reading) {
        try {
            return reading.getAsLong();
        } catch (RuntimeException e) {
            log.debug("{} unavailable: {}", what, e.toString());
            return Double.NaN;
        }
    }
}
