package org.tern.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.tern.store.MailStoreException;
import org.tern.store.StoreUnavailableException;
import org.tern.store.event.EventBus;
import org.tern.store.event.StoreEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work as transactions: retries transient lock conflicts, rolls back completely on any failure,
 * waits for group commit before returning from a write, then publishes the transaction's events.
 */
final class Database implements AutoCloseable {

    /** A unit of work inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException, IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int MAX_ATTEMPTS = 6;

    private final ConnectionPool pool;
    private final GroupCommitter committer;
    /**
     * One writing transaction at a time, from its first statement until COMMIT or ROLLBACK returned. With
     * WRITE_DELAY=0 H2 2.5 stores a chunk in the committing thread while other connections change tables, and
     * after kill -9 its recovery can then leave one of those other transactions half applied (CrashLoopCheck
     * reproduced it: a message row without its account counter). H2 serializes commits anyway; readers never
     * take this lock. The fsync wait after the commit happens outside it.
     */
    private final ReentrantLock writer;
    private final CombinedWriter combined;
    /** Held by each transaction (see SnapshotPins). */
    private final SnapshotPins pins;
    private final EventBus events;
    private final MeterRegistry registry;
    /** Timer by operation name, registered once (a registry look-up per operation costs more than the timing). */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    /** Writers and readers share; close takes it exclusively to wait for in-flight transactions. */
    private final ReentrantReadWriteLock inFlight = new ReentrantReadWriteLock();
    private volatile boolean closed;

    Database(ConnectionPool pool, GroupCommitter committer, EventBus events, MeterRegistry registry,
             ReentrantLock writer, SnapshotPins pins) {
        this.pool = pool;
        this.committer = committer;
        this.pins = pins;
        this.writer = writer;
        this.combined = new CombinedWriter(pool, registry, writer, pins, committer::request);
        this.events = events;
        this.registry = registry;
    }

    /** A transaction that changes state: durable (fsynced) before this returns, events published after. */
    <T> T write(String op, Work<T> work) {
        return run(op, work, true);
    }

    /**
     * Like {@link #write}, but may share one transaction (and its COMMIT) with other combined writes waiting at
     * the same moment; the work runs on the store's writer thread inside its own savepoint, so it must not
     * depend on the calling thread. Its failure fails only this call. {@code prerequisite} (may be null) is what
     * must hold before the transaction commits, ensured on the writer thread (see CombinedWriter).
     */
    <T> T writeCombined(String op, CombinedWriter.Prerequisite prerequisite, Work<T> work) {
        long start = System.nanoTime();
        enter();
        try {
            CombinedWriter.Unit<T> unit = combined.submit(work, prerequisite);
            T result = unit.awaitCommitted();
            afterCommit(unit.tx(), unit.syncTicket());
            return result;
        } finally {
            inFlight.readLock().unlock();
            record(op, start);
        }
    }

    /** Takes the in-flight read lock, refusing once the store is closing; release with inFlight.readLock(). */
    private void enter() {
        if (!inFlight.readLock().tryLock()) {
            throw new StoreUnavailableException("store is closing");
        }
        if (closed) {
            inFlight.readLock().unlock();
            throw new StoreUnavailableException("store is closed");
        }
    }

    /** A read-only transaction. */
    <T> T read(String op, Work<T> work) {
        return run(op, work, false);
    }

    private <T> T run(String op, Work<T> work, boolean write) {
        long start = System.nanoTime();
        enter();
        try {
            for (int attempt = 1; ; attempt++) {
                Tx tx;
                T result;
                try {
                    tx = new Tx(pool.borrow());
                } catch (SQLException e) {
                    throw new StoreUnavailableException("database unavailable: " + e.getMessage(), e);
                }
                try {
                    result = attempt(tx, work, write);
                } catch (SQLException e) {
                    if (isTransient(e) && attempt < MAX_ATTEMPTS) {
                        backoff(attempt);
                        continue;
                    }
                    throw new StoreUnavailableException("database error in " + op + ": " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new StoreUnavailableException("storage error in " + op + ": " + e.getMessage(), e);
                } catch (UncheckedIOException e) {
                    throw new StoreUnavailableException("storage error in " + op + ": " + e.getMessage(), e);
                }
                afterCommit(tx, write);
                return result;
            }
        } finally {
            inFlight.readLock().unlock();
            record(op, start);
        }
    }

    /** Waits for the fsync of a committed change, then runs its after-commit actions and publishes its events. */
    private void afterCommit(Tx tx, boolean write) {
        afterCommit(tx, write && tx.changed() ? committer.request() : 0);
    }

    /** Like {@link #afterCommit(Tx, boolean)}, for a sync already requested ({@code syncTicket} 0: none needed). */
    private void afterCommit(Tx tx, long syncTicket) {
        if (syncTicket > 0 && tx.changed()) {
            committer.awaitDurable(syncTicket);
        }
        for (Runnable r : tx.afterCommitActions()) {
            r.run();
        }
        for (StoreEvent event : tx.events()) {
            publish(event);
        }
    }

    private void record(String op, long start) {
        timers.computeIfAbsent(op, o -> Timer.builder("tern.store.operation").description("Mailstore operation latency")
                .tag("op", o).register(registry)).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private <T> T attempt(Tx tx, Work<T> work, boolean write) throws SQLException, IOException {
        Connection c = tx.connection();
        boolean ok = false;
        if (write) {
            writer.lock();
        }
        SnapshotPins.Pin pin = pins.pin();
        try {
            c.setAutoCommit(false);
            T result = work.run(tx);
            c.commit();
            ok = true;
            return result;
        } finally {
            try {
                if (ok) {
                    pool.release(c);
                } else {
                    pool.rollbackAndRelease(c); // a rollback changes tables too: still under the lock
                }
            } finally {
                try {
                    pin.close();
                } finally {
                    if (write) {
                        writer.unlock(); // whatever closing the pin did: a held writer lock stops every writer
                    }
                }
            }
        }
    }

    private void publish(StoreEvent event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            LOG.warn("store event listener failed: {}", e.toString());
        }
    }

    /** Deadlock, lock timeout, or H2's concurrent-update conflict: safe to retry the whole transaction. */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                int code = s.getErrorCode();
                if ("40001".equals(state) || "40P01".equals(state) || code == 50200 || code == 90131
                        || code == 40001) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Unique constraint violation. */
    static boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    static void backoff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean ping() {
        try {
            return read("ping", tx -> tx.queryLong("SELECT 1") == 1);
        } catch (MailStoreException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        inFlight.writeLock().lock();
        try {
            combined.close();
            pool.close();
            committer.close(); // its connection is the last one: H2 closes the database file now
        } finally {
            inFlight.writeLock().unlock();
        }
    }
}
