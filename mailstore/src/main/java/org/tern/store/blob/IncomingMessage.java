package org.tern.store.blob;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A message being received: bytes go to a temporary file as they arrive. Hand it to
 * {@code Messages.deliver}/{@code append}, which consume it, or {@link #discard()} it. Closing the stream
 * only ends writing.
 */
public abstract class IncomingMessage extends OutputStream {

    /** Bytes written so far. */
    public abstract long size();

    /** Deletes the temporary file; safe to call more than once, and after the message was consumed. */
    public abstract void discard();

    @Override
    public abstract void write(byte[] b, int off, int len) throws IOException;
}
