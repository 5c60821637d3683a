package org.tern.store.blob;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.tern.store.NotFoundException;

/**
 * Content-addressed bodies in {@code <data>/blobs/ab/<sha256>} (older stores also have {@code blobs/ab/cd/<sha256>},
 * still read). A body becomes visible only by an atomic
 * rename of a complete, fsynced temp file, followed by an fsync of the directory, so a blob that exists is
 * always whole. Incoming bodies are staged in {@code <data>/tmp}; leftovers there are deleted at open.
 */
public final class FileBlobStore implements BlobStore {

    private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path tmp;
    private final AtomicLong totalBytes = new AtomicLong(-1);
    /** Names of temp files; tmp/ is emptied at open and only this process has the store open. */
    private final AtomicLong tempNames = new AtomicLong();

    public FileBlobStore(Path dataDir) throws IOException {
        this.root = dataDir.resolve("blobs");
        this.tmp = dataDir.resolve("tmp");
        Files.createDirectories(root);
        Files.createDirectories(tmp);
        cleanTemp();
        createFanOut();
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
        try {
            // A counter, not UUID.randomUUID(): that reads the system's entropy source under a global lock.
            return new FileIncomingMessage(tmp.resolve(tempNames.incrementAndGet() + ".tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the incoming body a durable blob and returns its id: if the blob exists the temp file is dropped,
     * else the temp file is fsynced and atomically renamed into place. Either way the blob's directory entry is
     * fsynced before this returns, so a later COMMIT never refers to a body a power loss could take away.
     */
    public String persist(FileIncomingMessage message) throws IOException {
        String id = message.finish();
        Path existing = existing(id);
        if (existing != null) {
            Files.deleteIfExists(message.file());
            fsyncDirectory(existing.getParent());
            return id;
        }
        Path target = flatPath(id);
        Path dir = target.getParent();
        try (FileChannel ch = FileChannel.open(message.file(), StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(message.file(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(message.file());
        }
        fsyncDirectory(dir);
        long total = totalBytes.get();
        if (total >= 0) {
            totalBytes.addAndGet(message.size());
        }
        return id;
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
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
