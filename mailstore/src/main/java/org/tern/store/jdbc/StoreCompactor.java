package org.tern.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs H2's chunk housekeeping, which H2 only runs in its background writer thread, absent with
 * {@code WRITE_DELAY=0}: without it a chunk keeping a few live pages is never freed and the database file grows
 * with every commit instead of with the live data.
 *
 * <p>Every {@link Settings#interval}, while the chunks old enough to be rewritten (older than H2's retention time)
 * are on average less than {@link Settings#triggerFillRate} percent live, it takes the store's writer lock (see
 * {@link Database}: no transaction is open while a chunk is stored) and runs one bounded step: H2's chunk rewrite
 * ({@link ChunkHousekeeping#rewriteSparsest}, as {@link MVStore#compact(int, int)}) marks the live pages of the
 * sparsest old chunks (at most {@link Settings#stepBytes}) as changed, and {@link MVStore#commit()}, the call a
 * COMMIT makes, stores them as one new chunk; the old chunks are then dead and their space is reused under the
 * usual rules (retention time, {@link ChunkReuseGuard}), and the new chunk is fsynced by the group committer like
 * any other. Between steps the lock is released so waiting writers go first, and a run stops once the steps during
 * which a writer was waiting held the lock for {@link Settings#lockBudgetPerRun} (5 % of the time by default; under
 * heavy load the old chunks are so sparse, a few percent live, that a few steps a second free more space than the
 * writers fill), or after {@link #IDLE_CAP_NANOS} of steps nobody waited for (after a burst, so the file shrinks
 * back within minutes).
 */
final class StoreCompactor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreCompactor.class);

    /**
     * Tuning.
     *
     * @param interval        pause between runs; zero turns compaction off
     * @param stepBytes       live bytes one step rewrites at most (bounds the writer-lock hold)
     * @param triggerFillRate compact while the rewritable chunks are less live than this (percent; 101: always)
     * @param lockBudgetPerRun a run stops once steps during which a writer waited held the lock this long in total
     */
    record Settings(Duration interval, int stepBytes, int triggerFillRate, Duration lockBudgetPerRun) {

        /**
         * Every second, 128 KiB per step, while the rewritable chunks are under 60 % live (about H2's own rule under
         * load), at most 50 ms of writer-lock time a second.
         */
        static final Settings DEFAULTS = new Settings(Duration.ofSeconds(1), 128 * 1024, 60, Duration.ofMillis(50));
        static final Settings OFF = new Settings(Duration.ZERO, 1, 0, Duration.ZERO);

        boolean enabled() {
            return !interval.isZero() && !interval.isNegative();
        }

        /**
         * The defaults, overridden by the JVM properties {@code tern.store.compaction.interval-ms} (0: off),
         * {@code .step-bytes}, {@code .fill-rate} and {@code .lock-budget-ms}: for benchmarks and crash tests, which
         * start the store the normal way (also in child JVMs, through {@code JAVA_TOOL_OPTIONS}).
         */
        static Settings fromSystemProperties() {
            String p = "tern.store.compaction.";
            return new Settings(
                    Duration.ofMillis(Long.getLong(p + "interval-ms", DEFAULTS.interval.toMillis())),
                    Integer.getInteger(p + "step-bytes", DEFAULTS.stepBytes),
                    Integer.getInteger(p + "fill-rate", DEFAULTS.triggerFillRate),
                    Duration.ofMillis(Long.getLong(p + "lock-budget-ms", DEFAULTS.lockBudgetPerRun.toMillis())));
        }
    }

    /** A run stops after this much writer-lock time even when no writer waited. */
    static final long IDLE_CAP_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** Pause between two steps of one run, so writers queued on the lock run first. */
    private static final long PAUSE_BETWEEN_STEPS_MILLIS = 10;

    /** Null when the store could not be reached: then this does nothing. */
    private final MVStore store;
    /** H2's housekeeping calls on {@link #store}; null with it. */
    private final ChunkHousekeeping housekeeping;
    private final ReentrantLock writer;
    private final Settings settings;
    private final Counter steps;
    private final Timer hold;
    private final Object lock = new Object();
    /** Writer-lock time of all steps so far (the compactor thread's, or a test's calling step() directly). */
    private long heldNanos;
    /** The part of {@link #heldNanos} during which another writer was waiting for the lock. */
    private long contendedNanos;
    private boolean stopping;
    private Thread thread;

    private StoreCompactor(MVStore store, ReentrantLock writer, Settings settings, MeterRegistry registry) {
        this.store = store;
        this.housekeeping = store == null ? null : ChunkHousekeeping.of(store);
        this.writer = writer;
        this.settings = settings;
        this.steps = Counter.builder("tern.store.compactions")
                .description("Compaction steps that rewrote live pages of sparse database chunks").register(registry);
        this.hold = Timer.builder("tern.store.compaction.lock.hold")
                .description("Time one compaction step held the store's writer lock")
                .publishPercentiles(0.5, 0.99).register(registry);
        if (store != null) {
            Gauge.builder("tern.store.db.file.bytes", store, StoreCompactor::fileBytes)
                    .description("Size of the H2 database file").baseUnit("bytes").register(registry);
            FunctionCounter.builder("tern.store.db.written.bytes", store, StoreCompactor::writtenBytes)
                    .description("Bytes written to the H2 database file since the store opened (commits and"
                            + " compaction)").baseUnit("bytes").register(registry);
        }
    }

    /**
     * The compactor for the embedded database {@code connection} belongs to ({@code connection} is only used to
     * find the store); {@code writer} is the lock every writing transaction holds.
     */
    static StoreCompactor of(Connection connection, ReentrantLock writer, Settings settings, MeterRegistry registry) {
        MVStore store = null;
        try {
            store = EmbeddedH2.store(connection);
            if (store == null || store.getFileStore() == null) {
                store = null;
                LOG.warn("H2's store is not an embedded file store, the database file will not be compacted");
            }
        } catch (SQLException | RuntimeException e) {
            store = null;
            LOG.warn("cannot reach H2's store, the database file will not be compacted: {}", e.toString());
        }
        return new StoreCompactor(store, writer, settings, registry);
    }

    /** Starts the background thread (nothing when off). */
    void start() {
        if (store == null || !settings.enabled()) {
            return;
        }
        synchronized (lock) {
            if (thread != null || stopping) {
                return;
            }
            thread = new Thread(this::loop, "tern-store-compactor");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void loop() {
        while (waitForNextRun()) {
            try {
                run();
            } catch (RuntimeException e) {
                // H2 treats a failure inside its housekeeping as fatal and closes the store itself; nothing to do
                // here but stop trying.
                if (!store.isClosed()) {
                    LOG.error("database compaction failed, stopping it: {}", e.toString());
                }
                return;
            }
        }
    }

    /** Waits one interval; false when stopping. Never interrupted: an interrupt inside H2's I/O closes its file. */
    private boolean waitForNextRun() {
        synchronized (lock) {
            long end = System.nanoTime() + settings.interval.toNanos();
            long left;
            while (!stopping && (left = end - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !stopping;
        }
    }

    /** One run: steps while there is sparse old data, until the lock budget is spent, pausing between them. */
    int run() {
        int done = 0;
        long budget = settings.lockBudgetPerRun.toNanos();
        long heldBefore = heldNanos;
        long contendedBefore = contendedNanos;
        while (contendedNanos - contendedBefore < budget && heldNanos - heldBefore < IDLE_CAP_NANOS
                && !Thread.currentThread().isInterrupted() && step()) {
            done++;
            if (!pause()) {
                break;
            }
        }
        if (done > 0 && LOG.isDebugEnabled()) {
            Map<String, String> info = info();
            LOG.debug("database compaction: {} steps holding the writer lock {} ms, file {} bytes, {} chunks,"
                    + " rewritable chunks {}% live", done, (heldNanos - heldBefore) / 1_000_000,
                    info.get("info.FILE_SIZE"), info.get("info.CHUNK_COUNT"), info.get("info.CHUNKS_FILL_RATE_RW"));
        }
        return done;
    }

    /** One bounded step under the writer lock; true if it rewrote something. */
    boolean step() {
        if (store == null || !settings.enabled() || store.isClosed()
                || rewritableFillRate() >= settings.triggerFillRate) {
            return false;
        }
        boolean rewrote = false;
        writer.lock();
        long start = System.nanoTime();
        long rewritten = start;
        try {
            if (store.isClosed()) {
                return false;
            }
            rewrote = housekeeping.rewriteSparsest(settings.stepBytes);
            rewritten = System.nanoTime();
            if (rewrote) {
                store.commit();
            }
        } finally {
            long end = System.nanoTime();
            boolean contended = writer.hasQueuedThreads();
            writer.unlock();
            heldNanos += end - start;
            contendedNanos += contended ? end - start : 0;
            hold.record(end - start, TimeUnit.NANOSECONDS);
            LOG.trace("compaction step held the writer lock {} us (rewrite {} us, commit {} us), rewrote {}",
                    (end - start) / 1000, (rewritten - start) / 1000, (end - rewritten) / 1000, rewrote);
        }
        if (rewrote) {
            steps.increment();
        }
        return rewrote;
    }

    /** H2's file statistics ({@code info.FILE_SIZE}, {@code info.CHUNKS_FILL_RATE}, ...), for tests. */
    Map<String, String> info() {
        Map<String, String> info = new TreeMap<>();
        if (store != null && !store.isClosed()) {
            store.getFileStore().populateInfo(info::put);
        }
        return info;
    }

    /** Percent live of the chunks H2 may rewrite now (older than its retention time); 100 when there are none. */
    int rewritableFillRate() {
        return housekeeping.rewritableFillRate();
    }

    private static double fileBytes(MVStore store) {
        return store.isClosed() ? Double.NaN : store.getFileStore().size();
    }

    /** H2 counts the bytes it writes but only shows them in its info map. */
    private static double writtenBytes(MVStore store) {
        if (store.isClosed()) {
            return Double.NaN;
        }
        double[] bytes = {Double.NaN};
        store.getFileStore().populateInfo((key, value) -> {
            if (key.equals("info.FILE_WRITE_BYTES")) {
                bytes[0] = Double.parseDouble(value);
            }
        });
        return bytes[0];
    }

    /** Waits between two steps; false when stopping or interrupted (then no more H2 calls from this thread). */
    private boolean pause() {
        synchronized (lock) {
            if (!stopping) {
                try {
                    lock.wait(PAUSE_BETWEEN_STEPS_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !stopping;
        }
    }

    /** Whether the background thread is alive, for tests. */
    boolean running() {
        synchronized (lock) {
            return thread != null && thread.isAlive();
        }
    }

    /** Stops the thread after its current step; call before the database closes. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
            t = thread;
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("database compaction did not stop within 10 s");
            }
        }
    }
}
