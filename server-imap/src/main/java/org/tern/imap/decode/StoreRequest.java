package org.tern.imap.decode;

import java.util.List;

import org.tern.store.FlagOperation;

/** STORE / UID STORE set [+-]FLAGS[.SILENT] (flags). */
public record StoreRequest(String tag, boolean uid, SequenceSet set, FlagOperation operation, boolean silent,
                           List<String> flags) implements ImapRequest {
    @Override
    public String verb() {
        return uid ? "UID STORE" : "STORE";
    }
}
