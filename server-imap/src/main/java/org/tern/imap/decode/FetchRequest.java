package org.tern.imap.decode;

import java.util.List;

/** FETCH / UID FETCH. */
public record FetchRequest(String tag, boolean uid, SequenceSet set, List<FetchAttribute> attributes)
        implements ImapRequest {
    @Override
    public String verb() {
        return uid ? "UID FETCH" : "FETCH";
    }
}
