package org.tern.store.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link IncomingMessage}, SHA-256 hashed as it arrives. Up to {@value #MEMORY_LIMIT} bytes are kept in memory
 * (as much as the 64 KiB write buffer this class used to allocate for every message), so a typical message is
 * written to a file only once, by {@link FileBlobStore#persist}, and parsed without reading it back. A larger one
 * goes to a temporary file in {@code <data>/tmp} as it arrives.
 */
public final class FileIncomingMessage extends IncomingMessage {

    /** Bytes kept in memory before the message spills to its temporary file. */
    static final int MEMORY_LIMIT = 64 * 1024;
    private static final int INITIAL_BUFFER = 8 * 1024;

    private final Path file;
    private final MessageDigest digest;
    /** The whole message while {@code channel} is null; afterwards the bytes not yet written to it. */
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int buffered;
    /** The temporary file, once the message outgrew memory; null before. */
    private FileChannel channel;
    private boolean spilled;
    private long size;
    private boolean closed;
    /** A write to the temporary file failed: the file is not the hashed content, so it must never be persisted. */
    private boolean broken;
    private boolean discarded;
    private String sha256;

    FileIncomingMessage(Path file) {
        this.file = file;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("message already closed");
        }
        Objects.checkFromIndexSize(off, len, b.length);
        digest.update(b, off, len);
        size += len;
        try {
            append(b, off, len);
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    private void append(byte[] b, int off, int len) throws IOException {
        if (!spilled && buffered + len > MEMORY_LIMIT) {
            spill();
        }
        if (spilled && buffered + len > buffer.length) {
            drain();
            if (len >= buffer.length) {
                writeFully(ByteBuffer.wrap(b, off, len));
                return;
            }
        }
        if (buffered + len > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(MEMORY_LIMIT, Math.max(buffered + len, buffer.length * 2)));
        }
        System.arraycopy(b, off, buffer, buffered, len);
        buffered += len;
    }

    /** Moves to the temporary file: from now on {@code buffer} is a write buffer. */
    private void spill() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        spilled = true;
        if (buffer.length < MEMORY_LIMIT) {
            buffer = Arrays.copyOf(buffer, MEMORY_LIMIT);
        }
        drain();
    }

    private void drain() throws IOException {
        writeFully(ByteBuffer.wrap(buffer, 0, buffered));
        buffered = 0;
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (spilled && !closed) {
            try {
                drain();
            } catch (IOException | RuntimeException e) {
                broken = true;
                throw e;
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (spilled) {
            try (FileChannel ch = channel) {
                drain();
            } catch (IOException | RuntimeException e) {
                broken = true;
                throw e;
            } finally {
                channel = null;
                buffer = null;
            }
        }
        sha256 = HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public synchronized long size() {
        return size;
    }

    /** The temporary file: complete once closed if the message spilled to it, else it does not exist. */
    public Path file() {
        return file;
    }

    /** Whether the message went to its temporary file (else it is all in memory). */
    synchronized boolean spilled() {
        return spilled;
    }

    /** The whole message from memory, if it was small enough to stay there; call once closed. */
    public synchronized Optional<InputStream> inMemory() {
        if (!closed || spilled || discarded) {
            return Optional.empty();
        }
        return Optional.of(new ByteArrayInputStream(buffer, 0, buffered));
    }

    /** The whole in-memory message (not spilled, closed); the buffer is shared, not copied. */
    synchronized ByteBuffer contents() {
        if (!closed || spilled || buffer == null) {
            throw new IllegalStateException("not a closed in-memory message");
        }
        return ByteBuffer.wrap(buffer, 0, buffered).asReadOnlyBuffer();
    }

    /** Writes the in-memory message to {@code ch} (not spilled, closed). */
    synchronized void writeTo(FileChannel ch) throws IOException {
        if (!closed || spilled) {
            throw new IllegalStateException("not a closed in-memory message");
        }
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, buffered);
        while (bytes.hasRemaining()) {
            ch.write(bytes);
        }
    }

    /** Closes writing if needed and returns the hex SHA-256 of the content. */
    public synchronized String finish() throws IOException {
        if (discarded) {
            throw new IOException("message was discarded or already consumed");
        }
        close();
        if (broken || sha256 == null) {
            throw new IOException("message body was not written completely");
        }
        return sha256;
    }

    boolean isDiscarded() {
        return discarded;
    }

    @Override
    public synchronized void discard() {
        discarded = true;
        closed = true;
        buffer = null;
        if (!spilled) {
            return; // no file was ever created
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // deleting anyway
            }
            channel = null;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an orphan temp file is removed at the next start
        }
    }
}
