package org.tern.imap.decode;

import java.util.List;

/** ENABLE capability... (RFC 5161). */
public record EnableRequest(String tag, List<String> capabilities) implements ImapRequest {
    @Override
    public String verb() {
        return "ENABLE";
    }
}
