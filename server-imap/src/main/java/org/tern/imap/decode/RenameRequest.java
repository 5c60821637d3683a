package org.tern.imap.decode;

/** RENAME from to. */
public record RenameRequest(String tag, String from, String to) implements ImapRequest {
    @Override
    public String verb() {
        return "RENAME";
    }
}
