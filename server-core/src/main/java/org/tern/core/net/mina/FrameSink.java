package org.tern.core.net.mina;

/** Receives what {@link FrameDecoder} cuts from the input, in order. */
interface FrameSink {

    /** A complete line without its CRLF or LF. */
    void line(byte[] line);

    /** A line longer than the limit ended; its bytes were discarded. */
    void lineTooLong();

    /** A chunk of COUNTED or DOT_TERMINATED content (a private copy); {@code end} on the last one. */
    void content(byte[] chunk, boolean end);
}
