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
    /** An append failed and its partial record could not be cut off: no more appends to this journal. */
    private boolean broken;

    private final Object syncLock = new Object();
    /** Every byte up to this ticket is on disk (guarded by syncLock). */
    private long durable;
    private boolean syncing;

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

    /** The complete records of {@code segment}, up to the first one that is torn or corrupt. */
    static List<Entry> read(Path segment) throws IOException {
        List<Entry> entries = new ArrayList<>();
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
                entries.add(new Entry(HexFormat.of().formatHex(hash), body.array()));
                position += HEADER + length;
            }
        }
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
            if (broken) {
                throw new IOException("the body journal could not recover from a failed write");
            }
            long before = bytesInCurrent;
            try {
                while (record[1].hasRemaining() || record[0].hasRemaining()) {
                    current.write(record);
                }
            } catch (IOException | RuntimeException e) {
                // A partial record would hide every later one from read(): cut it off, or give up on this segment.
                try {
                    current.truncate(before);
                    current.position(before);
                } catch (IOException | RuntimeException again) {
                    e.addSuppressed(again);
                    broken = true;
                }
                throw e;
            }
            bytesInCurrent += length;
            written += length;
            return written;
        }
    }

    /** Bytes in the segment being appended to. */
    long bytesInCurrentSegment() {
        synchronized (appendLock) {
            return bytesInCurrent;
        }
    }

    /** Returns once every record up to {@code ticket} is on disk; many callers share one fdatasync. */
    void awaitDurable(long ticket) throws IOException {
        synchronized (syncLock) {
            while (true) {
                if (durable >= ticket) {
                    return;
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
        long target = 0;
        boolean ok = false;
        try {
            FileChannel ch;
            synchronized (appendLock) {
                ch = current;
                target = written;
            }
            try {
                ch.force(false);
            } catch (ClosedChannelException e) {
                // rotate() forced and closed this segment after we read it: everything up to target is on disk.
                synchronized (syncLock) {
                    if (durable < target) {
                        throw e;
                    }
                }
            }
            ok = true;
        } finally {
            synchronized (syncLock) {
                syncing = false;
                if (ok && target > durable) {
                    durable = target;
                }
                syncLock.notifyAll();
            }
        }
        if (durable(ticket)) {
            return;
        }
        awaitDurable(ticket); // appended after the target this sync started with: one more round
    }

    private boolean durable(long ticket) {
        synchronized (syncLock) {
            return durable >= ticket;
        }
    }

    /**
     * Makes every record appended so far durable, closes the segment and starts a new one. Returns every segment
     * before the new one (older leftovers included): once the blob files of their records are durable the caller
     * may delete them. The caller makes sure no append is in progress whose blob file is not yet in place.
     */
    List<Path> rotate() throws IOException {
        synchronized (appendLock) {
            current.force(false);
            synchronized (syncLock) {
                durable = Math.max(durable, written);
                syncLock.notifyAll();
            }
            current.close();
            startSegment();
            List<Path> sealed = new ArrayList<>(segments(dir));
            sealed.remove(currentPath);
            return sealed;
        }
    }

    private void startSegment() throws IOException {
        currentIndex++;
        Path path = dir.resolve(currentIndex + ".log");
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            // The segment's name must survive a power cut too: fdatasync of its records does not write the directory.
            FileBlobStore.fsyncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(path);
            throw e;
        }
        current = ch;
        currentPath = path;
        bytesInCurrent = 0;
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
