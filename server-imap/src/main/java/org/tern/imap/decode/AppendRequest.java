package org.tern.imap.decode;

import java.time.Instant;
import java.util.List;

import org.tern.store.blob.IncomingMessage;

/** APPEND mailbox [flags] [date-time] literal; the body is already in a temporary blob. {@code date} may be null. */
public record AppendRequest(String tag, String mailbox, List<String> flags, Instant date, IncomingMessage message)
        implements ImapRequest {
    @Override
    public String verb() {
        return "APPEND";
    }
}
