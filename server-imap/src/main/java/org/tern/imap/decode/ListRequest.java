package org.tern.imap.decode;

/** LIST or LSUB reference pattern (store-form names: UTF-8, '/' delimiter). */
public record ListRequest(String tag, boolean lsub, String reference, String pattern) implements ImapRequest {
    @Override
    public String verb() {
        return lsub ? "LSUB" : "LIST";
    }
}
