package org.tern.store.jdbc;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.tern.store.MailStoreConfig;
import org.tern.store.StoreUnavailableException;
import org.tern.store.blob.FileBlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes message bodies no row refers to any more. Candidates come from {@code blob_orphans} (recorded by the
 * transactions that dropped references, see {@link BlobOrphans}) and from a slow full scan of {@code blobs/}
 * (bodies whose delivery never committed). A candidate is collected only after the grace period and after a
 * re-check of its references, made while its blob-store stripe is held exclusively: a delivery of the same
 * content pins the stripe from {@code persist} until its transaction finished, so it either commits its row
 * before the re-check (which then keeps the body) or writes the file anew after the unlink.
 */
final class BlobCollector implements AutoCloseable {

    /** What one collection run did. */
    record Collection(int collected, long bytes, int stillReferenced, int pinned) {
    }

    /** What one full scan did. */
    record Scan(long files, int recorded) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(BlobCollector.class);
    private static final int BATCH = 100;
    /** How long the collector waits for a pinned stripe before it leaves the candidate for the next run. */
    private static final long PIN_WAIT_MS = 50;
    /** The scan pauses this long after every chunk of files, to stay out of the way of mail traffic. */
    private static final long SCAN_PAUSE_MS = 5;

    private final Database db;
    private final FileBlobStore blobs;
    private final MailStoreConfig.BlobGc config;
    private final Counter collected;
    private final Counter collectedBytes;
    /** One run (collection or scan) at a time, background or called by a test. */
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopping;
    private volatile Consumer<String> beforeUnlink = id -> { };
    private ScheduledExecutorService executor;

    BlobCollector(Database db, FileBlobStore blobs, MailStoreConfig.BlobGc config, MeterRegistry registry) {
        this.db = db;
        this.blobs = blobs;
        this.config = config;
        this.collected = Counter.builder("tern.store.blobs.collected")
                .description("Unreferenced message bodies deleted").register(registry);
        this.collectedBytes = Counter.builder("tern.store.blobs.collected.bytes").baseUnit("bytes")
                .description("Bytes of unreferenced message bodies deleted").register(registry);
    }

    /** Starts the background thread, unless the collection interval is zero. */
    synchronized void start() {
        if (!config.enabled() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tern-store-blob-gc");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        long interval = config.interval().toMillis();
        executor.scheduleWithFixedDelay(() -> background(() -> collectNow(Instant.now())), interval, interval,
                TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> background(() -> {
            scanNow(Instant.now());
            collectNow(Instant.now());
        }), config.firstScanDelay().toMillis(), config.scanPeriod().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void background(Runnable run) {
        try {
            run.run();
        } catch (RuntimeException | Error e) {
            // Caught, not thrown: an exception would cancel every later run of the scheduled task.
            if (!stopping) {
                LOG.warn("blob collection failed, retrying at the next run: {}", e.toString());
            }
        }
    }

    /** For tests: called with each blob id after its rows were committed away and before its file is unlinked. */
    void beforeUnlink(Consumer<String> hook) {
        this.beforeUnlink = hook == null ? id -> { } : hook;
    }

    /** Collects the candidates recorded at least the grace period before {@code now}. */
    Collection collectNow(Instant now) {
        if (!enter()) {
            return new Collection(0, 0, 0, 0);
        }
        try {
            return collect(now.minus(config.grace()).toEpochMilli());
        } finally {
            running.unlock();
        }
    }

    private Collection collect(long cutoff) {
        long t0 = System.nanoTime();
        int count = 0;
        long bytes = 0;
        int referenced = 0;
        int pinned = 0;
        byte[] after = new byte[0]; // sorts before every key
        BlobReferences refs = null; // scanned once, when the first candidates are due
        while (!stopping) {
            byte[] from = after;
            List<String> batch = db.read("blob_gc_candidates", tx -> tx.query("SELECT blob_id FROM blob_orphans"
                    + " WHERE since <= ? AND blob_id > ? ORDER BY blob_id FETCH FIRST " + BATCH + " ROWS ONLY",
                    rs -> BlobKeys.id(rs, 1), cutoff, from));
            if (batch.isEmpty()) {
                break;
            }
            after = BlobKeys.key(batch.get(batch.size() - 1));
            if (refs == null) {
                refs = BlobReferences.scan(db);
            } else {
                refs.catchUp(db);
            }
            BlobReferences references = refs;
            FileBlobStore.Exclusive ex;
            try {
                ex = blobs.tryLockExclusive(batch, PIN_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            List<String> unlinked = new ArrayList<>();
            try (ex) {
                List<String> locked = new ArrayList<>(new TreeSet<>(ex.locked()));
                pinned += batch.size() - locked.size();
                if (locked.isEmpty()) {
                    continue;
                }
                List<String> doomed = db.write("blob_gc", tx -> {
                    List<String> unref = unreferenced(tx, references, locked, cutoff);
                    // No fsync wait while the stripes hold deliveries back: if this commit is lost after the
                    // unlink, its candidate rows come back and the next run finds the file gone.
                    tx.nothingChanged();
                    return unref;
                });
                referenced += locked.size() - doomed.size();
                for (String id : doomed) {
                    beforeUnlink.accept(id);
                    try {
                        long freed = blobs.delete(id);
                        unlinked.add(id);
                        bytes += freed;
                        count++;
                        collected.increment();
                        collectedBytes.increment(freed);
                    } catch (IOException e) {
                        // Its rows are gone: the full scan finds the file again.
                        LOG.warn("unreferenced body {} not deleted: {}", id, e.toString());
                    }
                }
            }
            try {
                blobs.syncDirectories(unlinked);
            } catch (IOException e) {
                LOG.warn("blob directories not synced after deletion: {}", e.toString());
            }
        }
        if (count > 0) {
            LOG.info("blob gc: deleted {} unreferenced bodies, {} bytes, in {} ms", count, bytes,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        return new Collection(count, bytes, referenced, pinned);
    }

    /**
     * In the collector's transaction: locks the candidate rows, re-checks references and deletes the candidate
     * rows (a body referenced again is dropped from the candidates: the next removal records it anew). Returns the
     * bodies to delete (their facts went with their body rows).
     */
    private static List<String> unreferenced(Tx tx, BlobReferences references, List<String> ids, long cutoff)
            throws java.sql.SQLException {
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        Object[] args = new Object[ids.size() + 1];
        for (int i = 0; i < ids.size(); i++) {
            args[i] = BlobKeys.key(ids.get(i));
        }
        args[ids.size()] = cutoff;
        List<String> due = tx.query("SELECT blob_id FROM blob_orphans WHERE blob_id IN (" + marks + ")"
                + " AND since <= ? ORDER BY blob_id FOR UPDATE", rs -> BlobKeys.id(rs, 1), args);
        if (due.isEmpty()) {
            tx.nothingChanged();
            return List.of();
        }
        Set<String> referenced = references.referenced(tx, due);
        List<String> doomed = new ArrayList<>(due);
        doomed.removeIf(referenced::contains);
        String dueMarks = String.join(",", Collections.nCopies(due.size(), "?"));
        tx.update("DELETE FROM blob_orphans WHERE blob_id IN (" + dueMarks + ")", BlobKeys.keys(due));
        return doomed;
    }

    /**
     * Walks {@code blobs/} and records as candidates, as of {@code now}, the files older than the grace period that
     * no row refers to. Not due at once even though the file is old: its last reference may have gone just now
     * (by a removal that did not record it), and readers get the whole grace period. Slow; stops early when the
     * store closes.
     */
    Scan scanNow(Instant now) {
        if (!enter()) {
            return new Scan(0, 0);
        }
        try {
            long t0 = System.nanoTime();
            long cutoff = now.minus(config.grace()).toEpochMilli();
            BlobReferences references = BlobReferences.scan(db);
            List<String> chunk = new ArrayList<>();
            long[] files = {0};
            int[] recorded = {0};
            blobs.forEachBlob(f -> {
                if (stopping) {
                    return false;
                }
                files[0]++;
                if (f.lastModified().toEpochMilli() <= cutoff) {
                    chunk.add(f.id());
                    if (chunk.size() == BlobOrphans.CHUNK) {
                        recorded[0] += recordScanned(references, chunk, now.toEpochMilli());
                        chunk.clear();
                        pause();
                    }
                }
                return true;
            });
            if (!chunk.isEmpty() && !stopping) {
                recorded[0] += recordScanned(references, chunk, now.toEpochMilli());
            }
            if (recorded[0] > 0) {
                LOG.info("blob scan: {} files, {} unreferenced recorded for collection, in {} ms", files[0],
                        recorded[0], (System.nanoTime() - t0) / 1_000_000);
            }
            return new Scan(files[0], recorded[0]);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot scan the blob store: " + e.getMessage(), e);
        } finally {
            running.unlock();
        }
    }

    private int recordScanned(BlobReferences references, List<String> ids, long since) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(ids));
        references.catchUp(db);
        return db.write("blob_scan", tx -> {
            Set<String> referenced = references.referenced(tx, sorted);
            List<String> unreferenced = new ArrayList<>(sorted);
            unreferenced.removeIf(referenced::contains);
            if (unreferenced.isEmpty()) {
                tx.nothingChanged();
            } else {
                BlobOrphans.record(tx, unreferenced, since);
            }
            return unreferenced.size();
        });
    }

    private void pause() {
        try {
            Thread.sleep(SCAN_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private boolean enter() {
        if (stopping) {
            return false;
        }
        running.lock();
        if (stopping) {
            running.unlock();
            return false;
        }
        return true;
    }

    /** Stops the background thread, letting a run in progress finish its current batch; before the database closes. */
    @Override
    public void close() {
        stopping = true;
        ScheduledExecutorService ex;
        synchronized (this) {
            ex = executor;
        }
        if (ex != null) {
            ex.shutdown();
        }
        try {
            if (ex != null && !ex.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("blob collector did not stop within 30 s");
            }
            // A run called directly (tests) ends after its current batch too.
            if (running.tryLock(30, TimeUnit.SECONDS)) {
                running.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
