package org.tern.store.blob;

import java.io.IOException;
import java.io.InputStream;

/** Immutable message bodies addressed by SHA-256 (hex). Written and fsynced before any row refers to them. */
public interface BlobStore {

    /** Opens the whole body; {@link org.tern.store.NotFoundException} if it does not exist. */
    InputStream open(String blobId) throws IOException;

    /** Opens {@code length} bytes starting at {@code offset} (for BODY[section] and partial fetches). */
    InputStream open(String blobId, long offset, long length) throws IOException;

    long size(String blobId) throws IOException;

    boolean exists(String blobId);

    /** Total bytes of stored blobs. */
    long totalBytes();
}
