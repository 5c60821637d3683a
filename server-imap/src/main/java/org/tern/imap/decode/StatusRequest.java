package org.tern.imap.decode;

import java.util.List;

/** STATUS mailbox (items), items upper-cased. */
public record StatusRequest(String tag, String mailbox, List<String> items) implements ImapRequest {
    @Override
    public String verb() {
        return "STATUS";
    }
}
