package org.tern.store.blob;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** An {@link IncomingMessage} written to a temporary file in {@code <data>/tmp}, SHA-256 hashed as it goes. */
public final class FileIncomingMessage extends IncomingMessage {

    private final Path file;
    private final OutputStream out;
    private final MessageDigest digest;
    private long size;
    private boolean closed;
    private boolean discarded;
    private String sha256;

    FileIncomingMessage(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
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
        out.write(b, off, len);
        digest.update(b, off, len);
        size += len;
    }

    @Override
    public synchronized void flush() throws IOException {
        if (!closed) {
            out.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.close();
        sha256 = HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public synchronized long size() {
        return size;
    }

    /** The temporary file (complete once closed). */
    public Path file() {
        return file;
    }

    /** Closes writing if needed and returns the hex SHA-256 of the content. */
    public synchronized String finish() throws IOException {
        if (discarded) {
            throw new IOException("message was discarded or already consumed");
        }
        close();
        return sha256;
    }

    boolean isDiscarded() {
        return discarded;
    }

    @Override
    public synchronized void discard() {
        discarded = true;
        try {
            if (!closed) {
                closed = true;
                out.close();
            }
        } catch (IOException ignored) {
            // deleting anyway
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an orphan temp file is removed at the next start
        }
    }
}
