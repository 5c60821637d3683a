package org.tern.store.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Write-ahead log of small message bodies in {@code <data>/journal/<n>.log}. A body appended here is durable once
 * {@link #awaitDurable} returns: one fdatasync covers every body appended meanwhile, where writing each body to
 * its own blob file durably costs an fsync of the file and one of its directory. The blob files themselves are
 * made durable in bulk by the blob store's checkpoint, which then deletes the segments {@link #rotate} sealed;
 * segments still present at open are replayed ({@link #read}) to repair blob files a power cut took.
 *
 * <p>Record: magic (4 bytes), body length (4), SHA-256 of the body (32), body. The hash is the checksum: reading
 * stops at the first record of a segment that is incomplete or does not match it (a torn tail).
 */
final class BodyJournal implements AutoCloseable {

    private static final int MAGIC = 0x544A4231; // "TJB1"
    private static final int HEADER = 4 + 4 + 32;
    private static final Pattern SEGMENT = Pattern.compile("(\\d{1,18})\\.log");

    /** One complete record read back from a segment. */
    record Entry(String blobId, byte[] body) {
    }

    private final Path dir;
    /** Guards the segment being appended to and {@link #written}. */
    private final Object appendLock = new Object();
    private FileChannel current;
    private Path currentPath;
    private long currentIndex;
    /** Bytes appended since open, over all segments: a record's end is its ticket for {@link #awaitDurable}. */
    private long written;
    private long bytesInCurrent;
    /** Why appends stopped (a partial record could not be cut off), or null. Cleared by a rotation. */
    private String broken;

    private final Object syncLock = new Object();
    /** Every byte up to this ticket is on disk (guarded by syncLock). */
    private long durable;
    private boolean syncing;
    /** The first failed fdatasync (guarded by syncLock); no wait succeeds after it. */
    private String syncFailure;

    /** Starts a new segment after those already in {@code dir} (which the caller replays and deletes itself). */
    BodyJournal(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        List<Path> existing = segments(dir);
        this.currentIndex = existing.isEmpty() ? 0 : index(existing.get(existing.size() - 1));
        startSegment();
    }

    /** The segments in {@code dir}, oldest first. */
    static List<Path> segments(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> SEGMENT.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(BodyJournal::index)).toList();
        }
    }

    private static long index(Path segment) {
        Matcher m = SEGMENT.matcher(segment.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a journal segment: " + segment);
        }
        return Long.parseLong(m.group(1));
    }

    /** Hands each complete record of {@code segment} to {@code visitor}, up to the first torn or corrupt one. */
    static void read(Path segment, EntryVisitor visitor) throws IOException {
        MessageDigest sha = sha256();
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = ch.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (size - position >= HEADER) {
                header.clear();
                readFully(ch, header, position);
                header.flip();
                int length = header.getInt(4);
                if (header.getInt(0) != MAGIC || length < 0 || length > size - position - HEADER) {
                    break;
                }
                byte[] hash = new byte[32];
                header.get(8, hash);
                ByteBuffer body = ByteBuffer.allocate(length);
                readFully(ch, body, position + HEADER);
                if (!Arrays.equals(hash, sha.digest(body.array()))) {
                    break;
                }
                visitor.accept(new Entry(HexFormat.of().formatHex(hash), body.array()));
                position += HEADER + length;
            }
        }
    }

    /** Receives records read back from a segment. */
    @FunctionalInterface
    interface EntryVisitor {
        void accept(Entry entry) throws IOException;
    }

    /** The complete records of {@code segment} (for tests: a segment can be large). */
    static List<Entry> read(Path segment) throws IOException {
        List<Entry> entries = new ArrayList<>();
        read(segment, entries::add);
        return entries;
    }

    private static void readFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException("journal segment ended early");
            }
        }
    }

    /** Appends one body (not yet durable); returns the ticket to pass to {@link #awaitDurable}. */
    long append(String blobId, ByteBuffer body) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        header.putInt(MAGIC).putInt(body.remaining()).put(HexFormat.of().parseHex(blobId)).flip();
        ByteBuffer[] record = {header, body.duplicate()};
        long length = HEADER + body.remaining();
        synchronized (appendLock) {
            if (broken != null) {
                throw new IOException("the body journal failed earlier: " + broken);
            }
            long before = bytesInCurrent;
            // An interrupted thread's I/O would close the channel for everyone: keep the flag out of the way.
            boolean interrupted = Thread.interrupted();
            try {
                FileChannel ch = channel();
                while (record[1].hasRemaining() || record[0].hasRemaining()) {
                    ch.write(record);
                }
            } catch (IOException | RuntimeException e) {
                interrupted |= Thread.interrupted();
                // A partial record would hide every later one from read(): cut it off, or stop appending.
                try {
                    FileChannel ch = channel();
                    ch.truncate(before);
                    ch.position(before);
                } catch (IOException | RuntimeException again) {
                    e.addSuppressed(again);
                    broken = "a failed append could not be cut off: " + e;
                }
                throw e;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            bytesInCurrent += length;
            written += length;
            return written;
        }
    }

    /**
     * The current segment's channel, opened again if an interrupted thread closed it (FileChannel closes itself
     * for every thread when one is interrupted in an I/O call); data written through the old descriptor is in the
     * same file and is flushed by a force through the new one. Caller holds appendLock.
     */
    private FileChannel channel() throws IOException {
        if (!current.isOpen()) {
            FileChannel ch = FileChannel.open(currentPath, StandardOpenOption.WRITE);
            ch.position(bytesInCurrent);
            current = ch;
        }
        return current;
    }

    /** Bytes in the segment being appended to. */
    long bytesInCurrentSegment() {
        synchronized (appendLock) {
            return bytesInCurrent;
        }
    }

    /**
     * Returns once every record up to {@code ticket} is on disk; many callers share one fdatasync. A failed
     * fdatasync fails this and every later wait for good: after an error Linux reports success to the next
     * fdatasync of the same file although the data may never have reached the disk.
     */
    void awaitDurable(long ticket) throws IOException {
        while (true) {
            synchronized (syncLock) {
                while (true) {
                    if (durable >= ticket) {
                        return;
                    }
                    if (syncFailure != null) {
                        throw new IOException("the body journal's fdatasync failed: " + syncFailure);
                    }
                    if (!syncing) {
                        syncing = true;
                        break;
                    }
                    try {
                        syncLock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for the body journal's fsync", e);
                    }
                }
            }
            syncOnce();
        }
    }

    /** One group fdatasync, by the thread that set {@code syncing}. */
    private void syncOnce() throws IOException {
        long target = 0;
        IOException failure = null;
        // Not interruptible: an interrupt would close the channel under the force and fail every waiter.
        boolean interrupted = Thread.interrupted();
        try {
            FileChannel ch;
            synchronized (appendLock) {
                ch = channel();
                target = written;
            }
            try {
                ch.force(false);
            } catch (ClosedChannelException e) {
                if (!rotatedPast(target)) {
                    synchronized (appendLock) {
                        channel().force(false); // closed by an interrupted appender, not by rotate()
                    }
                }
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            synchronized (syncLock) {
                syncing = false;
                if (failure != null) {
                    syncFailure = failure.toString();
                } else if (target > durable) {
                    durable = target;
                }
                syncLock.notifyAll();
            }
        }
    }

    private boolean rotatedPast(long target) {
        synchronized (syncLock) {
            return durable >= target;
        }
    }

    /**
     * Makes every record appended so far durable and continues in a new segment. Returns every segment before
     * the new one (older leftovers included): once the blob files of their records are durable the caller may
     * delete them. The new segment is created first, so a failure leaves the journal as it was. The caller makes
     * sure no append is in progress whose blob file is not yet in place.
     */
    List<Path> rotate() throws IOException {
        long index;
        synchronized (appendLock) {
            index = currentIndex + 1;
        }
        Segment next = createSegment(index); // outside the lock: its directory fsync does not hold up appends
        boolean swapped = false;
        try {
            synchronized (appendLock) {
                if (currentIndex + 1 != index) {
                    throw new IllegalStateException("concurrent journal rotation");
                }
                channel().force(false);
                synchronized (syncLock) {
                    if (syncFailure != null) {
                        throw new IOException("the body journal's fdatasync failed: " + syncFailure);
                    }
                    durable = Math.max(durable, written);
                    syncLock.notifyAll();
                }
                FileChannel old = current;
                current = next.channel();
                currentPath = next.path();
                currentIndex = index;
                bytesInCurrent = 0;
                broken = null; // whatever was torn stays in the sealed segment, where read() stops at it
                swapped = true;
                old.close();
                List<Path> sealed = new ArrayList<>(segments(dir));
                sealed.remove(currentPath);
                return sealed;
            }
        } finally {
            if (!swapped) {
                next.channel().close();
                Files.deleteIfExists(next.path());
            }
        }
    }

    private record Segment(Path path, FileChannel channel) {
    }

    private void startSegment() throws IOException {
        Segment s = createSegment(currentIndex + 1);
        currentIndex++;
        current = s.channel();
        currentPath = s.path();
        bytesInCurrent = 0;
    }

    private Segment createSegment(long index) throws IOException {
        Path path = dir.resolve(index + ".log");
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            // The segment's name must survive a power cut too: fdatasync of its records does not write the directory.
            FileBlobStore.fsyncDirectory(dir);
            return new Segment(path, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** Deletes sealed segments whose blob files are durable. */
    static void delete(List<Path> segments) throws IOException {
        for (Path p : segments) {
            Files.deleteIfExists(p);
        }
    }

    /** Closes the current segment (its records stay for the next open unless the caller deletes it). */
    @Override
    public void close() throws IOException {
        synchronized (appendLock) {
            current.close();
        }
    }

    /** The segment being appended to (to delete it after a final checkpoint). */
    Path currentSegment() {
        synchronized (appendLock) {
            return currentPath;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
