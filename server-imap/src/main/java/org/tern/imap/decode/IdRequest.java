package org.tern.imap.decode;

import java.util.Map;

/** ID (RFC 2971) with the client's parameters (empty for NIL). */
public record IdRequest(String tag, Map<String, String> parameters) implements ImapRequest {
    @Override
    public String verb() {
        return "ID";
    }
}
