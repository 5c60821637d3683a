package org.tern.core.net;

/**
 * Decoder instruction after a line: keep reading lines; read exactly {@code count} bytes as content
 * (IMAP literal, SMTP BDAT); or pause until the handler calls {@link Connection#resume} or
 * {@link Connection#startTls} (SMTP DATA and STARTTLS, IMAP/POP3 STARTTLS/STLS).
 */
public record FrameAction(Kind kind, long count) {

    public enum Kind { LINES, COUNTED, PAUSE }

    public static final FrameAction LINES = new FrameAction(Kind.LINES, 0);
    public static final FrameAction PAUSE = new FrameAction(Kind.PAUSE, 0);

    public static FrameAction counted(long count) {
        return new FrameAction(Kind.COUNTED, count);
    }
}
