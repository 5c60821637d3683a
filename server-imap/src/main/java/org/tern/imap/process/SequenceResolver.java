package org.tern.imap.process;

import org.tern.imap.decode.SequenceSet;
import org.tern.imap.session.UidMap;
import org.tern.store.UidSet;

/** Resolves a command's message set to UIDs (sequence numbers or UIDs). */
final class SequenceResolver {

    private SequenceResolver() {
    }

    static UidSet resolve(ImapSession session, SequenceSet set, boolean uid) {
        UidMap map = session.selected().map();
        return uid ? map.resolveUids(set) : map.resolveSequences(set);
    }
}
