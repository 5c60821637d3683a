package org.tern.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.tern.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs write units of work that arrive at the same moment as one database transaction, one savepoint each.
 *
 * <p>H2 writes a chunk under its store lock for every COMMIT, so commits are serialized however many threads
 * deliver; combining the deliveries waiting while the previous transaction ran into the next one turns N commits
 * into one. Each unit keeps its own outcome: a unit that fails (quota, unknown account, a non-transient SQL error)
 * is rolled back to its savepoint and fails alone; the others commit. A transient conflict or a failed COMMIT
 * rolls the whole transaction back and runs it again. One thread does the database work; callers wait for it to
 * commit and then wait for the group commit's fsync themselves, so the next transaction starts while the last
 * one is being synced.
 */
final class CombinedWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CombinedWriter.class);
    /** Bounds one transaction's size and the time its row locks are held. */
    private static final int MAX_UNITS = 64;
    private static final int MAX_ATTEMPTS = 6;

    /** What must hold before a unit's transaction may commit (a message body durable); runs on the writer thread. */
    @FunctionalInterface
    interface Prerequisite {
        void ensure() throws IOException;
    }

    /** One caller's unit of work and, once run, its outcome. */
    static final class Unit<T> {
        private final Database.Work<T> work;
        private final Prerequisite prerequisite;
        private Tx tx;
        private long syncTicket;
        private T result;
        private RuntimeException failure;
        private boolean finished;

        Unit(Database.Work<T> work, Prerequisite prerequisite) {
            this.work = work;
            this.prerequisite = prerequisite;
        }

        /** The transaction view the work ran in (its events and after-commit actions); valid once finished. */
        synchronized Tx tx() {
            return tx;
        }

        /** The group commit's ticket for the sync of this unit's COMMIT (0 if nothing was written); once finished. */
        synchronized long syncTicket() {
            return syncTicket;
        }

        synchronized T awaitCommitted() {
            boolean interrupted = false;
            while (!finished) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the unit may commit anyway: its caller must learn the outcome
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return result;
        }

        private synchronized void finish(Tx tx, T result, RuntimeException failure) {
            finish(tx, 0, result, failure);
        }

        private synchronized void finish(Tx tx, long syncTicket, T result, RuntimeException failure) {
            this.tx = tx;
            this.syncTicket = syncTicket;
            this.result = result;
            this.failure = failure;
            this.finished = true;
            notifyAll();
        }

        private synchronized boolean finished() {
            return finished;
        }
    }

    private final ConnectionPool pool;
    /** Database's one-writer-at-a-time lock, held from the first statement until COMMIT or ROLLBACK returned. */
    private final ReentrantLock writer;
    /** Held by each transaction (see SnapshotPins). */
    private final SnapshotPins pins;
    private final DistributionSummary unitsPerCommit;
    /** Asks the group commit for a sync after a COMMIT; returns the ticket to wait for. */
    private final LongSupplier syncRequest;
    private final LinkedBlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    CombinedWriter(ConnectionPool pool, MeterRegistry registry, ReentrantLock writer, SnapshotPins pins,
            LongSupplier syncRequest) {
        this.pool = pool;
        this.syncRequest = syncRequest;
        this.writer = writer;
        this.pins = pins;
        this.unitsPerCommit = DistributionSummary.builder("tern.store.combined.units")
                .description("Deliveries committed together in one database transaction").register(registry);
        this.thread = new Thread(this::loop, "tern-store-combined-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues {@code work}; the returned unit finishes when its transaction committed (not yet fsynced) or failed.
     * {@code prerequisite} (may be null) is ensured before the transaction starts, once for the units that arrived
     * together, so deliveries share the wait for their bodies' journal fdatasync as they share a commit.
     */
    <T> Unit<T> submit(Database.Work<T> work, Prerequisite prerequisite) {
        Unit<T> unit = new Unit<>(work, prerequisite);
        if (!running) {
            throw new StoreUnavailableException("store is closed");
        }
        queue.add(unit);
        if (!running && queue.remove(unit)) {
            throw new StoreUnavailableException("store is closed");
        }
        return unit;
    }

    private void loop() {
        List<Unit<?>> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Unit<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_UNITS - 1);
                ensurePrerequisites(batch);
                if (!batch.isEmpty()) {
                    runBatch(batch);
                }
            } catch (InterruptedException e) {
                // never expected (nothing interrupts this thread); stop taking work and fail what is queued
                Thread.currentThread().interrupt();
                running = false;
                break;
            } catch (RuntimeException | Error e) {
                LOG.error("combined writer failed a batch: {}", e.toString());
                fail(batch, new StoreUnavailableException("database error: " + e, e));
            } finally {
                batch.clear();
            }
        }
        List<Unit<?>> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, new StoreUnavailableException("store is closed"));
    }

    /** Ensures each unit's prerequisite (the first wait usually covers the others); a unit whose fails is done. */
    private static void ensurePrerequisites(List<Unit<?>> batch) {
        for (Iterator<Unit<?>> it = batch.iterator(); it.hasNext(); ) {
            Unit<?> u = it.next();
            if (u.prerequisite == null) {
                continue;
            }
            try {
                u.prerequisite.ensure();
            } catch (IOException | RuntimeException e) {
                u.finish(null, null, new StoreUnavailableException("message body not durable: " + e.getMessage(), e));
                it.remove();
            }
        }
    }

    private static void fail(List<Unit<?>> units, RuntimeException e) {
        for (Unit<?> u : units) {
            if (!u.finished()) {
                u.finish(null, null, e);
            }
        }
    }

    private void runBatch(List<Unit<?>> batch) {
        for (int attempt = 1; ; attempt++) {
            Connection c;
            try {
                c = pool.borrow();
            } catch (SQLException e) {
                fail(batch, new StoreUnavailableException("database unavailable: " + e.getMessage(), e));
                return;
            }
            Outcomes outcomes = new Outcomes(batch.size());
            SQLException failure = null;
            writer.lock();
            SnapshotPins.Pin pin = pins.pin();
            try {
                c.setAutoCommit(false);
                for (int i = 0; i < batch.size(); i++) {
                    runUnit(c, batch.get(i), i, outcomes);
                }
                c.commit();
                pool.release(c);
            } catch (SQLException e) {
                failure = e;
                pool.rollbackAndRelease(c);
            } catch (RuntimeException | Error e) {
                pool.rollbackAndRelease(c);
                throw e;
            } finally {
                try {
                    pin.close();
                } finally {
                    writer.unlock(); // whatever closing the pin did: a held writer lock stops every writer
                }
            }
            if (failure == null) {
                outcomes.finish(batch, outcomes.changed() ? syncRequest.getAsLong() : 0);
                unitsPerCommit.record(batch.size());
                return;
            }
            if (!Database.isTransient(failure) || attempt >= MAX_ATTEMPTS) {
                fail(batch, new StoreUnavailableException("database error in a combined write: "
                        + failure.getMessage(), failure));
                return;
            }
            Database.backoff(attempt); // outside the writer lock; everything was rolled back
        }
    }

    /** Runs one unit inside a savepoint; throws only what must abort the whole transaction. */
    private static void runUnit(Connection c, Unit<?> unit, int index, Outcomes outcomes) throws SQLException {
        Savepoint sp = c.setSavepoint();
        Tx tx = new Tx(c);
        try {
            outcomes.success(index, tx, unit.work.run(tx));
            return;
        } catch (SQLException e) {
            if (Database.isTransient(e)) {
                throw e;
            }
            outcomes.failure(index, new StoreUnavailableException("database error: " + e.getMessage(), e));
        } catch (IOException | UncheckedIOException e) {
            outcomes.failure(index, new StoreUnavailableException("storage error: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            outcomes.failure(index, e);
        }
        c.rollback(sp);
    }

    /** Outcomes of one attempt, handed to the units only once the transaction committed. */
    private static final class Outcomes {
        private final Tx[] txs;
        private final Object[] results;
        private final RuntimeException[] failures;

        Outcomes(int size) {
            txs = new Tx[size];
            results = new Object[size];
            failures = new RuntimeException[size];
        }

        void success(int i, Tx tx, Object result) {
            txs[i] = tx;
            results[i] = result;
        }

        void failure(int i, RuntimeException e) {
            failures[i] = e;
        }

        /** Whether a unit that succeeded wrote anything (then the COMMIT needs a sync). */
        boolean changed() {
            for (int i = 0; i < txs.length; i++) {
                if (failures[i] == null && txs[i] != null && txs[i].changed()) {
                    return true;
                }
            }
            return false;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void finish(List<Unit<?>> batch, long syncTicket) {
            for (int i = 0; i < batch.size(); i++) {
                Unit u = batch.get(i);
                u.finish(txs[i], syncTicket, results[i], failures[i]);
            }
        }
    }

    /** Stops after the queued units ran; callers still waiting learn the store closed. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
