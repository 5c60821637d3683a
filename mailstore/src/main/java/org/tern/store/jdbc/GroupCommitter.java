package org.tern.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.tern.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes committed transactions durable against power loss by group commit. With {@code WRITE_DELAY=0} every H2
 * COMMIT writes its chunk before returning (survives kill -9) but never fsyncs; only {@code CHECKPOINT SYNC}
 * does. One thread loops CHECKPOINT SYNC on its own connection while committers wait; a committer returns only
 * after a sync that <em>started after</em> its COMMIT returned, so many commits share one fsync.
 */
final class GroupCommitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private final Connection admin;
    private final Thread thread;
    private final Object lock = new Object();
    private long requested;
    private long synced;
    /** Highest ticket whose sync finished, successfully or not (>= synced). */
    private long settled;
    private boolean running = true;
    private boolean stopped;

    GroupCommitter(Connection admin) {
        this.admin = admin;
        this.thread = new Thread(this::loop, "tern-store-group-commit");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Call after COMMIT returned: waits until a CHECKPOINT SYNC started after now has finished. */
    void awaitDurable() {
        synchronized (lock) {
            long ticket = ++requested;
            lock.notifyAll();
            boolean interrupted = false;
            while (settled < ticket) {
                if (stopped) {
                    throw new StoreUnavailableException("store closed before the commit was synced");
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (synced < ticket) {
                throw new StoreUnavailableException("database fsync failed; the change may not be durable");
            }
        }
    }

    private void loop() {
        try (Statement st = admin.createStatement()) {
            while (true) {
                long target;
                synchronized (lock) {
                    while (running && requested == settled) {
                        lock.wait();
                    }
                    if (!running && requested == settled) {
                        return;
                    }
                    target = requested;
                }
                // Everyone with a ticket <= target committed before this sync starts.
                boolean ok = sync(st);
                synchronized (lock) {
                    if (ok) {
                        synced = target;
                    }
                    settled = target;
                    lock.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.error("group commit thread stopped: {}", e.toString());
        } finally {
            synchronized (lock) {
                running = false;
                stopped = true;
                lock.notifyAll();
            }
        }
    }

    private boolean sync(Statement st) {
        try {
            st.execute("CHECKPOINT SYNC");
            return true;
        } catch (SQLException e) {
            LOG.error("CHECKPOINT SYNC failed: {}", e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            admin.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
