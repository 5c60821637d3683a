package org.tern.core.net;

/**
 * Protocol-specific framing, run by the decoder on the I/O thread after each complete line, before the line
 * is handed to the handler. It decides how the bytes that follow are read, so that literals, BDAT chunks and
 * the bytes after STARTTLS/DATA are never mistaken for command lines. Must be fast and must not block.
 */
public interface Framing {

    /** What to do with the bytes after {@code line} (which has no CRLF). */
    FrameAction afterLine(byte[] line);
}
