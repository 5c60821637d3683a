package org.tern.imap.process;

import java.util.EnumSet;
import java.util.Set;

/** The state sets commands are valid in (RFC 3501 §6). */
final class States {

    static final Set<ImapState> ANY = EnumSet.of(ImapState.NOT_AUTHENTICATED, ImapState.AUTHENTICATED,
            ImapState.SELECTED);
    static final Set<ImapState> NOT_AUTHENTICATED = EnumSet.of(ImapState.NOT_AUTHENTICATED);
    static final Set<ImapState> AUTHENTICATED = EnumSet.of(ImapState.AUTHENTICATED, ImapState.SELECTED);
    static final Set<ImapState> SELECTED = EnumSet.of(ImapState.SELECTED);

    private States() {
    }
}
