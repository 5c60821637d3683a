package org.tern.store.blob;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.store.NotFoundException;

/**
 * Content-addressed bodies in {@code <data>/blobs/ab/<sha256>} (older stores also have {@code blobs/ab/cd/<sha256>},
 * still read). A body becomes visible only by an atomic rename of a complete temp file, so a blob that exists is
 * whole. Incoming bodies are staged in {@code <data>/tmp}; leftovers there are deleted at open.
 *
 * <p>Durability, before {@link #persist} returns: a body that arrived in memory (most mail) is appended to the
 * {@link BodyJournal}, whose group fdatasync is shared by every body stored meanwhile; its blob file is written
 * without an fsync and made durable, with all the others, by a checkpoint every few seconds (a file-system sync),
 * after which the journal segments are deleted. At open, segments left by a crash or power cut are replayed:
 * a blob file that is missing or not whole is written again. A larger body is fsynced in its own file, and the
 * directory after the rename.
 */
public final class FileBlobStore implements BlobStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
    private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{64}");
    private static final int STRIPES = 1024;
    /** How often blob files written since the last checkpoint are made durable and the journal emptied. */
    private static final long CHECKPOINT_MILLIS = 5_000;
    /** A journal segment this large triggers a checkpoint before the next one is due. */
    private static final long CHECKPOINT_BYTES = 64L * 1024 * 1024;
    /** Left in the journal folder when a checkpoint's sync failed: the next start rewrites every journaled body. */
    private static final String SYNC_FAILED = "sync-failed";

    private final Path root;
    private final Path tmp;
    private final Path journalDir;
    private final BodyJournal journal;
    /**
     * Blob files written since the last checkpoint, whose durability rests on the journal: id to the generation it
     * was written in (so a checkpoint never forgets a file written again after it took its snapshot).
     */
    private final ConcurrentHashMap<String, Long> unsynced = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();
    /**
     * Held shared from a journal append until the blob file is in place; a checkpoint takes it exclusively to
     * rotate the journal, so every sealed record's file exists before the sync that lets the record go.
     */
    private final ReentrantReadWriteLock appending = new ReentrantReadWriteLock();
    private final ScheduledExecutorService checkpointer;
    private final AtomicBoolean checkpointQueued = new AtomicBoolean();
    /**
     * Whether checkpoints use {@code sync -f} (syncfs, Linux only: elsewhere {@code -f} means something else or
     * nothing); if not, or if {@code sync} cannot be run, they fsync each file and directory.
     */
    private volatile boolean fileSystemSync = System.getProperty("os.name", "").startsWith("Linux");
    /** Set at close: no new bodies. */
    private volatile boolean closing;
    /** Set after the last checkpoint at close. */
    private volatile boolean closed;
    /** The first failed checkpoint sync, or null; checkpoints stop after one (see {@link #checkpoint}). */
    private volatile String checkpointFailure;
    private final AtomicLong totalBytes = new AtomicLong(-1);
    /** Names of temp files; tmp/ is emptied at open and only this process has the store open. */
    private final AtomicLong tempNames = new AtomicLong();
    /**
     * Pins (shared) and collection (exclusive) of blob ids, striped by id. StampedLock, not ReentrantReadWriteLock:
     * a pin may be released by another thread than the one that took it.
     */
    private final StampedLock[] stripes = new StampedLock[STRIPES];

    public FileBlobStore(Path dataDir) throws IOException {
        this(dataDir, CHECKPOINT_MILLIS);
    }

    /** With checkpoints every {@code checkpointMillis} (0: only when a segment fills up, or called; for tests). */
    FileBlobStore(Path dataDir, long checkpointMillis) throws IOException {
        this.root = dataDir.resolve("blobs");
        this.tmp = dataDir.resolve("tmp");
        this.journalDir = dataDir.resolve("journal");
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new StampedLock();
        }
        Files.createDirectories(root);
        Files.createDirectories(tmp);
        cleanTemp();
        createFanOut();
        recover();
        this.journal = new BodyJournal(journalDir);
        this.checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tern-store-body-checkpoint");
            t.setDaemon(true);
            return t;
        });
        if (checkpointMillis > 0) {
            checkpointer.scheduleWithFixedDelay(this::checkpointQuietly, checkpointMillis, checkpointMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Replays journal segments a crash left: every complete record's blob file is checked and written again if it
     * is missing or not whole; once all of them are durable the segments are deleted.
     */
    private void recover() throws IOException {
        List<Path> segments = BodyJournal.segments(journalDir);
        Path failedMarker = journalDir.resolve(SYNC_FAILED);
        if (segments.isEmpty()) {
            Files.deleteIfExists(failedMarker);
            return;
        }
        // After a failed sync the page cache may show bytes the disk does not have: rewrite every body then.
        boolean rewriteAll = Files.exists(failedMarker);
        Set<String> replayed = new LinkedHashSet<>();
        int[] restored = {0};
        for (Path segment : segments) {
            BodyJournal.read(segment, e -> {
                if (replayed.add(e.blobId()) && (rewriteAll || !whole(existing(e.blobId()), e.blobId(),
                        e.body().length))) {
                    restore(e);
                    restored[0]++;
                }
            });
        }
        if (!syncAll(replayed)) {
            throw new IOException("cannot make the bodies replayed from the journal durable");
        }
        BodyJournal.delete(segments);
        Files.deleteIfExists(failedMarker);
        LOG.info("body journal replayed: {} segment(s), {} bodies checked, {} restored", segments.size(),
                replayed.size(), restored[0]);
    }

    /**
     * Whether {@code p} (null: no file) holds exactly the body {@code id} of {@code size} bytes. A file whose rename
     * reached the disk before its data (power cut before the journal or a checkpoint synced it) may be empty or
     * torn, so a file is not trusted on its name alone unless it was fsynced before its rename.
     */
    private static boolean whole(Path p, String id, long size) throws IOException {
        try {
            if (p == null || Files.size(p) != size) {
                return false;
            }
            MessageDigest sha = BodyJournal.sha256();
            try (InputStream in = Files.newInputStream(p)) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(sha.digest()).equals(id);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private void restore(BodyJournal.Entry e) throws IOException {
        Path staged = tmp.resolve("r" + tempNames.incrementAndGet() + ".tmp");
        Files.write(staged, e.body(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.move(staged, flatPath(e.blobId()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The 256 first-level directories exist up front, so a new blob never has to fsync {@code blobs/} itself. */
    private void createFanOut() throws IOException {
        boolean created = false;
        for (int i = 0; i < 256; i++) {
            Path d = root.resolve(String.format("%02x", i));
            if (!Files.isDirectory(d)) {
                Files.createDirectories(d);
                created = true;
            }
        }
        if (created) {
            fsyncDirectory(root);
        }
    }

    private void cleanTemp() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A new message body being received. */
    public FileIncomingMessage newIncoming() {
        // A counter, not UUID.randomUUID(): that reads the system's entropy source under a global lock.
        return new FileIncomingMessage(tmp.resolve(tempNames.incrementAndGet() + ".tmp"));
    }

    /**
     * Makes the incoming body a durable blob and returns its id, pinned: if the blob exists the temp file (if any)
     * is dropped, else the body is renamed into place from a complete temp file. Either way, before this returns
     * the body is durable (journaled, or fsynced with its directory entry; see the class comment), so a later
     * COMMIT never refers to a body a power loss could take away. The pin keeps the garbage collector from
     * deleting the body: the caller closes it once the transaction that refers to the blob has finished
     * (committed or failed), so that a collector that re-checks the reference count afterwards sees the new row.
     */
    public Pin persist(FileIncomingMessage message) throws IOException {
        Pin pin = persistDeferred(message);
        try {
            pin.awaitDurable();
            return pin;
        } catch (IOException | RuntimeException e) {
            pin.close();
            throw e;
        }
    }

    /**
     * Like {@link #persist}, but a journaled body may not be durable yet: call {@link Pin#awaitDurable} before the
     * transaction that refers to it commits. Lets one thread wait once for the bodies of several deliveries.
     */
    public Pin persistDeferred(FileIncomingMessage message) throws IOException {
        String id = message.finish();
        StampedLock stripe = stripe(id);
        // Waits while the collector holds the stripe (re-check, commit, unlink): afterwards the file is gone and
        // is written anew below, or it was not collected and is still here.
        long stamp = stripe.readLock();
        Pin pin = new Pin(id, stripe, stamp);
        boolean ok = false;
        try {
            pin.journalTicket = write(id, message);
            ok = true;
            return pin;
        } finally {
            if (!ok) {
                pin.close();
            }
        }
    }

    /** Stores the body; returns the journal ticket to wait for (0 if it is durable already). */
    private long write(String id, FileIncomingMessage message) throws IOException {
        if (!message.spilled()) {
            return writeJournaled(id, message);
        }
        Path existing = existing(id);
        if (whole(existing, id, message.size())) {
            Files.deleteIfExists(message.file());
            fsync(existing); // cheap if it is on disk already (a file that is not whole is replaced below)
            fsyncDirectory(existing.getParent());
            return 0;
        }
        Path staged = message.file();
        try (FileChannel ch = FileChannel.open(staged, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        install(id, message, staged);
        fsyncDirectory(flatPath(id).getParent());
        return 0;
    }

    /**
     * An in-memory body: appended to the journal, then its blob file written without an fsync; returns the ticket
     * of the journal record (durable once {@link BodyJournal#awaitDurable} returns for it), or 0 for a whole,
     * checkpointed file. A body whose file exists but was written since the last checkpoint is journaled again,
     * as the record that covers the file may not be on disk yet.
     */
    private long writeJournaled(String id, FileIncomingMessage message) throws IOException {
        long ticket;
        appending.readLock().lock();
        try {
            if (closing) {
                throw new IOException("blob store closed");
            }
            Path existing = existing(id);
            boolean synced = !unsynced.containsKey(id);
            boolean whole = existing != null && whole(existing, id, message.size());
            if (whole && synced) {
                fsyncDirectory(existing.getParent());
                return 0;
            }
            ticket = journal.append(id, message.contents());
            if (!whole) {
                // Left in unsynced even if the write fails: another delivery of the same body may rely on it.
                unsynced.put(id, generations.incrementAndGet());
                stage(message, message.file());
                install(id, message, message.file());
            }
        } finally {
            appending.readLock().unlock();
        }
        if (journal.bytesInCurrentSegment() >= CHECKPOINT_BYTES && checkpointQueued.compareAndSet(false, true)) {
            try {
                checkpointer.execute(this::checkpointQuietly);
            } catch (RejectedExecutionException e) {
                checkpointQueued.set(false); // closing: the last checkpoint runs in close()
            }
        }
        return ticket;
    }

    /** Renames a complete temp file into place (not durable by itself). */
    private void install(String id, FileIncomingMessage message, Path staged) throws IOException {
        Path target = flatPath(id);
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(staged); // the same content, put there by another delivery
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(staged); // an in-memory message's discard() does not look for a file
            throw e;
        }
        long total = totalBytes.get();
        if (total >= 0) {
            totalBytes.addAndGet(message.size());
        }
    }

    /** Writes an in-memory message to its temporary file (no fsync: the journal holds it). */
    private static void stage(FileIncomingMessage message, Path staged) throws IOException {
        boolean ok = false;
        try (FileChannel ch = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            message.writeTo(ch);
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(staged);
            }
        }
    }

    private StampedLock stripe(String blobId) {
        return stripes[stripeIndex(blobId)];
    }

    private static int stripeIndex(String blobId) {
        // The id is a SHA-256 in hex: its first three digits are uniformly spread.
        return Integer.parseInt(blobId.substring(0, 3), 16) % STRIPES;
    }

    /**
     * Locks the stripes of {@code blobIds} exclusively, waiting at most {@code waitMillis} for each; ids whose
     * stripe stays pinned (a delivery is storing a body in it) are left out of {@link Exclusive#locked()}.
     * While held, no {@link #persist} of these ids can start or finish. For the garbage collector.
     */
    public Exclusive tryLockExclusive(Collection<String> blobIds, long waitMillis) throws InterruptedException {
        TreeMap<Integer, List<String>> byStripe = new TreeMap<>();
        for (String id : blobIds) {
            if (BLOB_ID.matcher(id).matches()) {
                byStripe.computeIfAbsent(stripeIndex(id), k -> new ArrayList<>()).add(id);
            }
        }
        Exclusive ex = new Exclusive();
        boolean ok = false;
        try {
            for (Map.Entry<Integer, List<String>> e : byStripe.entrySet()) {
                StampedLock lock = stripes[e.getKey()];
                long stamp = lock.tryWriteLock(waitMillis, TimeUnit.MILLISECONDS);
                if (stamp != 0) {
                    ex.held.add(new long[] {e.getKey(), stamp});
                    ex.locked.addAll(e.getValue());
                }
            }
            ok = true;
            return ex;
        } finally {
            if (!ok) {
                ex.close();
            }
        }
    }

    /**
     * Deletes a blob (either layout); returns the bytes freed (0 if it did not exist). The caller holds the blob's
     * stripe through {@link #tryLockExclusive} and has already committed the removal of every row that could
     * refer to it; it calls {@link #syncDirectories} afterwards (outside the lock: a body written anew in the
     * meantime fsyncs the directory itself, and an unlink lost to a power cut only leaves an unreferenced file
     * for the full scan).
     */
    public long delete(String blobId) throws IOException {
        if (!stripe(blobId).isWriteLocked()) {
            throw new IllegalStateException("blob " + blobId + " deleted without its exclusive lock");
        }
        long freed = 0;
        Path flat = flatPath(blobId);
        Path nested = flat.getParent().resolve(blobId.substring(2, 4)).resolve(blobId);
        for (Path p : List.of(flat, nested)) {
            long size;
            try {
                size = Files.size(p);
            } catch (NoSuchFileException e) {
                continue;
            }
            if (Files.deleteIfExists(p)) {
                freed += size;
            }
        }
        if (freed > 0 && totalBytes.get() >= 0) {
            totalBytes.addAndGet(-freed);
        }
        return freed;
    }

    /** Makes the deletion of these blobs durable: fsyncs their directories (each once). */
    public void syncDirectories(Collection<String> blobIds) throws IOException {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String id : blobIds) {
            Path flat = flatPath(id);
            dirs.add(flat.getParent());
            Path nested = flat.getParent().resolve(id.substring(2, 4));
            if (Files.isDirectory(nested)) {
                dirs.add(nested);
            }
        }
        for (Path d : dirs) {
            fsyncDirectory(d);
        }
    }

    /** A blob file found by {@link #forEachBlob}. */
    public record BlobFile(String id, Instant lastModified, long size) {
    }

    /**
     * Walks every blob file of both layouts (not {@code tmp/}) and hands it to {@code visitor} until it returns
     * false. Files that vanish during the walk are skipped.
     */
    public void forEachBlob(Predicate<BlobFile> visitor) throws IOException {
        try (Stream<Path> files = Files.walk(root, 3)) {
            Iterator<Path> it = files.iterator();
            while (it.hasNext()) {
                Path p = it.next();
                String name = p.getFileName().toString();
                if (!BLOB_ID.matcher(name).matches()) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (attrs.isRegularFile()
                        && !visitor.test(new BlobFile(name, attrs.lastModifiedTime().toInstant(), attrs.size()))) {
                    return;
                }
            }
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e.getCause();
            }
        }
    }

    /** A shared hold on one blob id (see {@link #persist}); closing it twice is harmless. */
    public final class Pin implements AutoCloseable {
        private final String id;
        private final StampedLock lock;
        private final long stamp;
        private final AtomicBoolean released = new AtomicBoolean();
        /** The journal record that makes the body durable, or 0 if nothing is left to wait for. */
        private volatile long journalTicket;

        private Pin(String id, StampedLock lock, long stamp) {
            this.id = id;
            this.lock = lock;
            this.stamp = stamp;
        }

        public String id() {
            return id;
        }

        /** Returns once the body is durable (at once after {@link #persist}); see {@link #persistDeferred}. */
        public void awaitDurable() throws IOException {
            long ticket = journalTicket;
            if (ticket > 0) {
                journal.awaitDurable(ticket);
                journalTicket = 0;
            }
        }

        /** May be called from any thread (the lock is not owned by a thread). */
        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                lock.unlockRead(stamp);
            }
        }
    }

    /** Exclusively locked stripes (see {@link #tryLockExclusive}); close releases them. */
    public final class Exclusive implements AutoCloseable {
        private final List<long[]> held = new ArrayList<>();
        private final Set<String> locked = new LinkedHashSet<>();

        private Exclusive() {
        }

        /** The requested ids that are now locked. */
        public Set<String> locked() {
            return Collections.unmodifiableSet(locked);
        }

        @Override
        public void close() {
            for (int i = held.size() - 1; i >= 0; i--) {
                long[] h = held.get(i);
                stripes[(int) h[0]].unlockWrite(h[1]);
            }
            held.clear();
            locked.clear();
        }
    }

    static void fsyncDirectory(Path dir) throws IOException {
        fsync(dir);
    }

    private static void fsync(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private void checkpointQuietly() {
        checkpointQueued.set(false);
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            LOG.error("body checkpoint failed, the journal is kept: {}", e.toString());
        }
    }

    /**
     * Makes every blob file written since the last checkpoint durable and deletes the journal segments that
     * covered them. Returns false if there was nothing to do.
     */
    boolean checkpoint() throws IOException {
        if (checkpointFailure != null) {
            throw new IOException("an earlier checkpoint failed (" + checkpointFailure + "); the journal is kept"
                    + " until the next start");
        }
        List<Map.Entry<String, Long>> written;
        List<Path> sealed;
        appending.writeLock().lock();
        try {
            if (closed || (unsynced.isEmpty() && journal.bytesInCurrentSegment() == 0
                    && BodyJournal.segments(journalDir).size() <= 1)) {
                return false;
            }
            written = unsynced.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
            sealed = journal.rotate();
        } finally {
            appending.writeLock().unlock();
        }
        List<String> ids = written.stream().map(Map.Entry::getKey).toList();
        if (!syncAll(ids)) {
            // Retrying cannot be trusted (the kernel reports a writeback error once), so the segments stay for
            // good and the next start rewrites every body they hold.
            checkpointFailure = "file-system sync failed";
            try {
                Files.createFile(journalDir.resolve(SYNC_FAILED));
                fsyncDirectory(journalDir);
            } catch (IOException e) {
                LOG.warn("cannot leave the sync-failed mark in {}: {}", journalDir, e.toString());
            }
            throw new IOException("file-system sync failed");
        }
        for (Map.Entry<String, Long> e : written) {
            unsynced.remove(e.getKey(), e.getValue());
        }
        BodyJournal.delete(sealed);
        return true;
    }

    /**
     * Makes the named blob files and their directory entries durable: one {@code sync -f} (syncfs of the file
     * system) where that works, else an fsync of each file and directory.
     */
    private boolean syncAll(Collection<String> ids) {
        if (fileSystemSync) {
            try {
                Process sync = new ProcessBuilder("sync", "-f", root.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (sync.waitFor(5, TimeUnit.MINUTES) && sync.exitValue() == 0) {
                    return true;
                }
                sync.destroyForcibly();
                // Not retried another way: after a reported writeback error a second sync reports success.
                LOG.error("sync -f {} failed or timed out (exit {})", root, sync.isAlive() ? "none" : sync.exitValue());
                return false;
            } catch (IOException e) {
                fileSystemSync = false;
                LOG.warn("cannot run sync -f ({}); checkpoints fsync each body file", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        try {
            Set<Path> dirs = new LinkedHashSet<>();
            for (String id : ids) {
                Path p = existing(id);
                if (p != null) {
                    fsync(p);
                    dirs.add(p.getParent());
                }
            }
            for (Path d : dirs) {
                fsyncDirectory(d);
            }
            return true;
        } catch (IOException e) {
            LOG.error("fsync of body files failed: {}", e.toString());
            return false;
        }
    }

    /**
     * Stops checkpoints and runs a last one, so a clean shutdown leaves no journal to replay (if it fails, the
     * segments stay and the next open replays them).
     */
    @Override
    public void close() {
        checkpointer.shutdown();
        try {
            checkpointer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        appending.writeLock().lock();
        try {
            closing = true; // no new body from here on; those already journaled are covered by the checkpoint
        } finally {
            appending.writeLock().unlock();
        }
        boolean clean = false;
        try {
            checkpoint();
            clean = true;
        } catch (IOException | RuntimeException e) {
            LOG.error("last body checkpoint failed, the journal is kept for the next start: {}", e.toString());
        }
        appending.writeLock().lock();
        try {
            closed = true;
            Path last = journal.currentSegment();
            journal.close();
            if (clean && unsynced.isEmpty()) {
                Files.deleteIfExists(last);
            }
        } catch (IOException e) {
            LOG.warn("closing the body journal: {}", e.toString());
        } finally {
            appending.writeLock().unlock();
        }
    }

    /**
     * Where a blob is: {@code blobs/ab/<sha256>} (written since the 256 first-level directories are created at
     * open, so a new blob never creates a directory and costs one directory fsync, not two), else the older
     * layout {@code blobs/ab/cd/<sha256>}, which is still read; if neither exists, the path a new blob gets.
     */
    Path path(String blobId) {
        Path found = existing(blobId);
        return found != null ? found : flatPath(blobId);
    }

    /** The blob's file if it exists in either layout, else null. */
    private Path existing(String blobId) {
        Path flat = flatPath(blobId);
        if (Files.exists(flat)) {
            return flat;
        }
        Path nested = flat.getParent().resolve(blobId.substring(2, 4)).resolve(blobId);
        return Files.exists(nested) ? nested : null;
    }

    private Path flatPath(String blobId) {
        if (!BLOB_ID.matcher(blobId).matches()) {
            throw new NotFoundException("no such blob: " + blobId);
        }
        return root.resolve(blobId.substring(0, 2)).resolve(blobId);
    }

    @Override
    public InputStream open(String blobId) throws IOException {
        try {
            return new BufferedInputStream(Files.newInputStream(path(blobId)), 64 * 1024);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no such blob: " + blobId, e);
        }
    }

    @Override
    public InputStream open(String blobId, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path(blobId), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no such blob: " + blobId, e);
        }
        ch.position(Math.min(offset, ch.size()));
        InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 64 * 1024);
        return new BoundedInputStream(in, length);
    }

    @Override
    public long size(String blobId) throws IOException {
        try {
            return Files.size(path(blobId));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no such blob: " + blobId, e);
        }
    }

    @Override
    public boolean exists(String blobId) {
        return BLOB_ID.matcher(blobId).matches() && existing(blobId) != null;
    }

    @Override
    public long totalBytes() {
        long total = totalBytes.get();
        if (total >= 0) {
            return total;
        }
        try (Stream<Path> files = Files.walk(root)) {
            long sum = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            totalBytes.compareAndSet(-1, sum);
            return sum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads at most {@code remaining} bytes. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, remaining));
            remaining -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
