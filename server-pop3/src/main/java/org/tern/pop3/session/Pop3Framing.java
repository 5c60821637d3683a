package org.tern.pop3.session;

import org.tern.core.net.FrameAction;
import org.tern.core.net.Framing;

/**
 * POP3 reads lines only; after an "STLS" line the decoder pauses so that plaintext pipelined behind it is
 * never read as commands (RFC 2595 §4, CVE-2011-0411). The handler resumes, or starts TLS.
 */
public final class Pop3Framing implements Framing {

    @Override
    public FrameAction afterLine(byte[] line) {
        return isStls(line) ? FrameAction.PAUSE : FrameAction.LINES;
    }

    /** True for "STLS" in any case, with optional trailing blanks. */
    public static boolean isStls(byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r')) {
            end--;
        }
        if (end != 4) {
            return false;
        }
        return (line[0] | 0x20) == 's' && (line[1] | 0x20) == 't' && (line[2] | 0x20) == 'l' && (line[3] | 0x20) == 's';
    }
}
