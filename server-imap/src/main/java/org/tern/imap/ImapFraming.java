package org.tern.imap;

import java.util.Optional;

import org.tern.core.net.FrameAction;
import org.tern.core.net.Framing;
import org.tern.imap.decode.LiteralDecision;
import org.tern.imap.decode.LiteralTracker;

/**
 * Runs on the I/O thread: a line ending in {n} or {n+} is followed by n literal bytes (unless over the limit:
 * then the handler refuses it); "tag STARTTLS" pauses input until the handler starts TLS.
 */
final class ImapFraming implements Framing {

    private final LiteralTracker tracker;

    ImapFraming(LiteralTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public FrameAction afterLine(byte[] line) {
        boolean startTls = tracker.isStartTls(line);
        Optional<LiteralDecision> literal = tracker.onLine(line);
        if (startTls) {
            return FrameAction.PAUSE;
        }
        if (literal.isPresent() && !literal.get().tooLarge() && literal.get().size() > 0) {
            return FrameAction.counted(literal.get().size());
        }
        return FrameAction.LINES;
    }
}
