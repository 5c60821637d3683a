package org.tern.pop3.transfer;

import java.io.IOException;
import java.io.InputStream;

import org.tern.store.blob.BlobStore;

/** Streams a message from the blob store through a {@link DotStuffer}, chunk by chunk. */
public final class MessageSender {

    private static final int CHUNK = 64 * 1024;

    private final BlobStore blobs;

    public MessageSender(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Opens the body first so that a missing blob fails before anything is written. */
    public InputStream open(String blobId) throws IOException {
        return blobs.open(blobId);
    }

    /**
     * Sends the already opened body (closing it), then the terminator. {@code sizeHint} (the stored size) keeps
     * the buffers small for small messages.
     */
    public void send(InputStream body, long sizeHint, DotStuffer stuffer, ResponseOutput out) throws IOException {
        int chunk = (int) Math.max(1024, Math.min(CHUNK, sizeHint + 1));
        byte[] in = new byte[chunk];
        byte[] buf = new byte[DotStuffer.maxOutput(chunk)];
        try (InputStream b = body) {
            int n;
            while (!stuffer.isDone() && (n = b.read(in)) > 0) {
                int m = stuffer.transform(in, 0, n, buf, 0);
                out.writeBody(buf, 0, m);
            }
        }
        byte[] end = stuffer.finish();
        out.writeBody(end, 0, end.length);
    }
}
