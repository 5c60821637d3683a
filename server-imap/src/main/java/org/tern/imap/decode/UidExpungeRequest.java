package org.tern.imap.decode;

/** UID EXPUNGE set (RFC 4315). */
public record UidExpungeRequest(String tag, SequenceSet set) implements ImapRequest {
    @Override
    public String verb() {
        return "UID EXPUNGE";
    }
}
