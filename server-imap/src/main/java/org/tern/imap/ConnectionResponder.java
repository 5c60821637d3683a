package org.tern.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import org.tern.core.net.Connection;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ResponseEncoder;
import org.tern.imap.encode.ResponseOutput;
import org.tern.imap.process.Responder;
import org.tern.store.blob.BlobStore;

/** Encodes responses into a small buffer handed to the connection in chunks (large FETCH output stays bounded). */
final class ConnectionResponder implements Responder, ResponseOutput {

    private static final int CHUNK = 64 * 1024;

    private final Connection connection;
    private final BlobStore blobs;
    private final ResponseEncoder encoder;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);

    ConnectionResponder(Connection connection, BlobStore blobs) {
        this.connection = connection;
        this.blobs = blobs;
        this.encoder = new ResponseEncoder(this);
    }

    @Override
    public void send(ImapResponse response) {
        encoder.encode(response);
    }

    @Override
    public void write(byte[] bytes) {
        buffer.writeBytes(bytes);
        if (buffer.size() >= CHUNK) {
            handOver();
        }
    }

    @Override
    public void writeStream(InputStream in, long length) throws IOException {
        handOver();
        connection.writeStream(in, length);
    }

    @Override
    public InputStream openBlob(String blobId, long offset, long length) throws IOException {
        return blobs.open(blobId, offset, length);
    }

    /** Passes buffered bytes to the connection (sent with the batch). */
    void handOver() {
        if (buffer.size() > 0) {
            connection.write(buffer.toByteArray());
            buffer.reset();
        }
    }

    @Override
    public void flush() {
        handOver();
        connection.flush();
    }
}
