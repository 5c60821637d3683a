package org.tern.imap.decode;

/** COPY / MOVE (RFC 6851) and their UID forms. */
public record CopyRequest(String tag, boolean uid, boolean move, SequenceSet set, String mailbox)
        implements ImapRequest {
    @Override
    public String verb() {
        return (uid ? "UID " : "") + (move ? "MOVE" : "COPY");
    }
}
