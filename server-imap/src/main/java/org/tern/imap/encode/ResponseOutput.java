package org.tern.imap.encode;

import java.io.IOException;
import java.io.InputStream;

/** Where encoded responses go: the connection, or a buffer in tests. */
public interface ResponseOutput {

    void write(byte[] bytes);

    /** Streams a blob range (FETCH BODY[]); {@code in} is closed by the caller. */
    void writeStream(InputStream in, long length) throws IOException;

    /** Opens a blob range for streaming. */
    InputStream openBlob(String blobId, long offset, long length) throws IOException;
}
