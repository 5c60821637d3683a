package org.tern.store.jdbc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

import org.tern.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes committed transactions durable against power loss by group commit. With {@code WRITE_DELAY=0} every H2
 * COMMIT writes its chunk before returning but never fsyncs; only {@code CHECKPOINT SYNC}
 * does. One thread loops CHECKPOINT SYNC on its own connection while committers wait; a committer returns only
 * after a sync that <em>started after</em> its COMMIT returned ({@link #request}), so many commits share one fsync.
 *
 * <p>The sync is an fsync of the database file through a channel of our own: with {@code WRITE_DELAY=0} a
 * returned COMMIT has already written its chunk (H2 writes it synchronously under its store lock, or a store
 * that started after the transaction ended wrote it), and Linux fsync flushes the file's inode whichever
 * descriptor it is called on. That is what {@code CHECKPOINT SYNC} ends with, minus its preamble: it
 * synchronizes on the whole database and queues for H2's store lock behind committers before it fsyncs, which
 * made every waiting delivery wait longer. If the file cannot be opened, CHECKPOINT SYNC is used as before.
 * The channel stays open until the database is closed: closing a descriptor of a file drops every POSIX lock
 * this process holds on it, including H2's.
 *
 * <p>This thread also writes the database file's header ({@link HeaderCorrectingChannel}): when H2 asked for one
 * since the last sync (its chunks went into reused space), or every 20 versions, it writes a header naming the
 * newest chunk the fsync covered and fdatasyncs again before anyone is acknowledged. Until then a chunk written
 * into reused space is on disk but not yet reachable by recovery, so acknowledgement waits for this thread even
 * against kill -9. Each sync that wrote a header moves a {@link ChunkReuseGuard}, so H2 never overwrites a dead
 * chunk before the chunk that replaced it is on disk, nor the chunks recovery needs from the header. When nobody
 * waits, whatever was written is still synced within a second.
 */
final class GroupCommitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    /** When nobody waits, anything written since the last sync is synced after at most this long. */
    private static final long IDLE_SYNC_MILLIS = 1000;

    private final Connection admin;
    /** Held while CHECKPOINT SYNC writes a chunk: it is a writer like any other (see Database). */
    private final ReentrantLock writer;
    /** The database file, opened read-only for fsync; null to use CHECKPOINT SYNC. */
    private final FileChannel file;
    private final Thread thread;
    /** Keeps dead chunks from being overwritten before what replaced them is fsynced (group-commit thread only). */
    private final ChunkReuseGuard guard;
    /** The database file's channel holding back H2's header writes for this thread to make; null if it does not. */
    private final HeaderCorrectingChannel headers;
    /** H2's version when the last successful sync started (group-commit thread only). */
    private long versionAtLastSync = -1;
    private final Object lock = new Object();
    private long requested;
    private long synced;
    /** Highest ticket whose sync finished, successfully or not (>= synced). */
    private long settled;
    private boolean running = true;
    private boolean stopped;

    GroupCommitter(Connection admin, Path databaseFile, ReentrantLock writer) {
        this.admin = admin;
        this.writer = writer;
        this.file = openQuietly(databaseFile);
        this.guard = ChunkReuseGuard.of(admin);
        // Holding headers back is only safe with the guard pinning what recovery from the last header needs.
        this.headers = file == null || !guard.pins() ? null : deferringHeaders(admin);
        this.thread = new Thread(this::loop, "tern-store-group-commit");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Call after COMMIT returned: asks for a sync that starts after now and returns its ticket for
     * {@link #awaitDurable(long)}. The thread that committed asks at once, so a sync is not held up until each
     * waiting caller has woken up, nor repeated for the ones that woke up after it started.
     */
    long request() {
        synchronized (lock) {
            long ticket = ++requested;
            lock.notifyAll();
            return ticket;
        }
    }

    /** Waits until the sync of {@code ticket} (from {@link #request}) has finished; throws if it failed. */
    void awaitDurable(long ticket) {
        synchronized (lock) {
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
                    if (running && requested == settled) {
                        lock.wait(IDLE_SYNC_MILLIS);
                    }
                    if (!running && requested == settled) {
                        return;
                    }
                    target = requested;
                }
                if (target == settled && guard.currentVersion() == versionAtLastSync) {
                    continue;
                }
                // Everyone with a ticket <= target committed before this sync starts. Writes nobody waits for
                // (\Recent claims, cached facts) are synced within IDLE_SYNC_MILLIS too, which also lets H2
                // reuse the chunks they made dead.
                boolean ok;
                try {
                    ok = syncGuarded(st);
                } catch (RuntimeException e) { // from H2's version bookkeeping: fail this sync, keep the thread
                    LOG.error("database sync failed: {}", e.toString());
                    ok = false;
                }
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

    /** The database file's channel, now holding back H2's header writes for this thread; null if unreachable. */
    private static HeaderCorrectingChannel deferringHeaders(Connection admin) {
        HeaderCorrectingChannel channel = HeaderCorrectingChannel.of(admin);
        if (channel == null) {
            LOG.warn("cannot reach H2's database file channel: its header is corrected as it is written, with an"
                    + " fdatasync in the committing thread each time");
            return null;
        }
        try {
            channel.deferHeaders();
            return channel;
        } catch (IOException e) {
            LOG.warn("cannot read the database file header, so it is corrected as it is written: {}", e.toString());
            return null;
        }
    }

    private static FileChannel openQuietly(Path databaseFile) {
        try {
            return FileChannel.open(databaseFile, StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot open {} for fsync, using CHECKPOINT SYNC: {}", databaseFile, e.toString());
            return null;
        }
    }

    private boolean syncGuarded(Statement st) {
        long version = guard.currentVersion();
        var pin = guard.beforeSync();
        HeaderCorrectingChannel.Pending pending = headers == null ? null : headers.pending();
        boolean ok = sync(st);
        boolean named = false;
        if (ok && pending != null) {
            try {
                named = headers.writeHeader(pending);
                if (named) {
                    file.force(false); // the header naming the chunk, before the commits in it are acknowledged
                    headers.headerDurable(pending);
                }
            } catch (IOException e) {
                LOG.error("writing the database file header failed: {}", e.toString());
                ok = false;
            }
        }
        // With headers held back, recovery starts from the chunk the last header written here names, so the chunks
        // it needs must stay: the pin taken when that sync started is kept until a newer header is on disk.
        guard.afterSync(pin, ok && (headers == null || named));
        if (ok) {
            versionAtLastSync = version;
        }
        return ok;
    }

    private boolean sync(Statement st) {
        if (file != null) {
            try {
                file.force(true);
                return true;
            } catch (IOException e) {
                LOG.error("fsync of the database file failed: {}", e.toString());
                return false;
            }
        }
        writer.lock();
        try {
            st.execute("CHECKPOINT SYNC");
            return true;
        } catch (SQLException e) {
            LOG.error("CHECKPOINT SYNC failed: {}", e.toString());
            return false;
        } finally {
            writer.unlock();
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
        if (headers != null) {
            try {
                headers.stopDeferring(); // a cycle still running writes no header after this
            } catch (IOException e) {
                LOG.error("writing the database file header failed: {}", e.toString());
            }
        }
        if (thread.isAlive()) {
            LOG.warn("group commit thread still in an fsync after 10 s; closing the database without it");
        } else {
            guard.close(); // its pins are the thread's to move: only once it has ended
        }
        try {
            admin.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        if (file != null) {
            try {
                file.close(); // after the last connection closed the database (see the class comment)
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
