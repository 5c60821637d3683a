package org.tern.imap.decode;

/** SEARCH / UID SEARCH with an optional charset (null when absent). */
public record SearchRequest(String tag, boolean uid, String charset, SearchKey key) implements ImapRequest {
    @Override
    public String verb() {
        return uid ? "UID SEARCH" : "SEARCH";
    }
}
