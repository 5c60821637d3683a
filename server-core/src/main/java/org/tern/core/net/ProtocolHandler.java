package org.tern.core.net;

/**
 * A protocol's logic for one connection. Every method runs on the connection's ordered executor context,
 * never on a MINA I/O thread, one at a time and in arrival order; it may block on the store.
 * Replies are written with {@link Connection#write} and flushed together when the batch of pipelined input
 * has been processed.
 */
public interface ProtocolHandler {

    /** The connection is open (and, for implicit TLS, the handshake done): write the greeting. */
    void onConnect();

    /** One line without its CRLF (bare LF is also accepted as end of line). */
    void onLine(byte[] line);

    /** A line exceeded the listener's maximum; its bytes up to the next LF were discarded. */
    void onLineTooLong();

    /**
     * Content bytes after a {@link FrameAction#counted} or {@link ReadMode#DOT_TERMINATED} frame: counted
     * bytes exactly as sent; dot-terminated content already unstuffed, with the final CRLF.CRLF removed
     * (the content keeps the CRLF that ends its last line). {@code end} is true on the last chunk (which may
     * be empty). The array is only valid during the call.
     */
    void onContent(byte[] data, int offset, int length, boolean end);

    /** The idle timeout elapsed; the connection is closed after this returns. */
    default void onIdleTimeout() {
    }

    /** The connection closed, from either side. Release resources; do not write. */
    void onDisconnect();
}
