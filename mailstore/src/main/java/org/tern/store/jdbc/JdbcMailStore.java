package org.tern.store.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.tern.store.Directory;
import org.tern.store.MailStore;
import org.tern.store.MailStoreConfig;
import org.tern.store.Mailboxes;
import org.tern.store.Messages;
import org.tern.store.StoreUnavailableException;
import org.tern.store.blob.BlobStore;
import org.tern.store.blob.FileBlobStore;
import org.tern.store.event.EventBus;
import org.tern.store.event.InProcessEventBus;
import org.tern.store.password.Argon2PasswordHasher;
import org.tern.store.queue.OutboundQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default store: H2 file database (durable group commit) plus the file blob store. */
public final class JdbcMailStore implements MailStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcMailStore.class);
    private static final int POOL_SIZE = 16;

    private final Database db;
    private final FileBlobStore blobs;
    private final EventBus events;
    private final JdbcDirectory directory;
    private final JdbcMailboxes mailboxes;
    private final JdbcMessages messages;
    private final JdbcOutboundQueue queue;
    private final BlobCollector collector;
    private final StoreCompactor compactor;

    private JdbcMailStore(Database db, FileBlobStore blobs, EventBus events, Argon2PasswordHasher hasher,
                          MailStoreConfig config, MeterRegistry registry, StoreCompactor compactor) {
        this.db = db;
        this.blobs = blobs;
        this.events = events;
        this.directory = new JdbcDirectory(db, hasher);
        this.mailboxes = new JdbcMailboxes(db);
        this.messages = new JdbcMessages(db, blobs, registry);
        this.queue = new JdbcOutboundQueue(db);
        this.collector = new BlobCollector(db, blobs, config.blobGc(), registry);
        this.compactor = compactor;
    }

    /**
     * Opens the H2 database {@code <data>/db/tern}. {@code WRITE_DELAY=0} makes each COMMIT write its chunk
     * before returning; the group committer adds the fsync and, when due, the file header recovery starts from
     * (see {@link GroupCommitter}): a write is acknowledged after both, and survives kill -9 and power loss. The
     * file is opened through {@link HeaderCorrectingFilePath}, without which H2 could lose acknowledged commits.
     */
    public static JdbcMailStore open(MailStoreConfig config, MeterRegistry registry) {
        return open(config, registry, StoreCompactor.Settings.fromSystemProperties());
    }

    /** As {@link #open(MailStoreConfig, MeterRegistry)} with the given compaction of the database file. */
    static JdbcMailStore open(MailStoreConfig config, MeterRegistry registry, StoreCompactor.Settings compaction) {
        Path data = config.dataDir().toAbsolutePath();
        HeaderCorrectingFilePath.register();
        String url = "jdbc:h2:" + HeaderCorrectingFilePath.databaseName(data.resolve("db").resolve("tern"))
                + ";WRITE_DELAY=0;LOCK_TIMEOUT=20000;DB_CLOSE_ON_EXIT=FALSE;LAZY_QUERY_EXECUTION=TRUE;CACHE_SIZE=65536;QUERY_CACHE_SIZE=128";
        try {
            Argon2PasswordHasher hasher = new Argon2PasswordHasher(config.argon2MemoryKiB(),
                    config.argon2Iterations());
            Files.createDirectories(data.resolve("db"));
            long t0 = System.nanoTime();
            Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration")
                    .load().migrate();
            LOG.debug("schema migrated in {} ms", (System.nanoTime() - t0) / 1_000_000);
            ConnectionPool pool = new ConnectionPool(url, "sa", "", POOL_SIZE);
            // Holding a connection keeps H2's file lock: only now is it safe to clear tmp/ (another process
            // that has the store open would have made the lines above fail).
            Connection admin = pool.open();
            FileBlobStore blobs;
            try {
                blobs = new FileBlobStore(data);
            } catch (IOException | RuntimeException e) {
                admin.close();
                throw e;
            }
            // One writing transaction at a time (see Database): H2 2.5 can leave a transaction half applied after
            // kill -9 when another connection was writing while a COMMIT stored its chunk (CrashLoopCheck).
            ReentrantLock writer = new ReentrantLock();
            // H2 compacts its file only in a background thread WRITE_DELAY=0 turns off: this does it instead.
            StoreCompactor compactor = StoreCompactor.of(admin, writer, compaction, registry);
            GroupCommitter committer = new GroupCommitter(admin, data.resolve("db").resolve("tern.mv.db"), writer);
            try {
                EventBus events = new InProcessEventBus();
                Database db = new Database(pool, committer, events, registry, writer, SnapshotPins.of(admin));
                LOG.info("mailstore open at {}", data);
                JdbcMailStore store = new JdbcMailStore(db, blobs, events, hasher, config, registry, compactor);
                store.collector.start();
                store.compactor.start();
                return store;
            } catch (RuntimeException e) {
                compactor.close();
                committer.close();
                blobs.close();
                throw e;
            }
        } catch (IOException | SQLException | RuntimeException e) {
            throw new StoreUnavailableException("cannot open the mailstore in " + data + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Directory directory() {
        return directory;
    }

    @Override
    public Mailboxes mailboxes() {
        return mailboxes;
    }

    @Override
    public Messages messages() {
        return messages;
    }

    @Override
    public OutboundQueue queue() {
        return queue;
    }

    @Override
    public EventBus events() {
        return events;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    /** The body garbage collector, for tests in this package (they call it with their own clock). */
    BlobCollector blobCollector() {
        return collector;
    }

    /** The file compactor, for tests in this package. */
    StoreCompactor compactor() {
        return compactor;
    }

    /** The database, for tests in this package that look at rows no public API shows. */
    Database database() {
        return db;
    }

    @Override
    public boolean isHealthy() {
        return db.ping();
    }

    @Override
    public void close() {
        try {
            collector.close(); // before the database: a collection in progress ends after its current batch
            compactor.close(); // before the database: a step in progress ends first (H2 compacts once more at close)
            db.close();
        } finally {
            blobs.close(); // its last checkpoint covers every body journaled, even by a delivery still running
        }
        LOG.info("mailstore closed");
    }
}
