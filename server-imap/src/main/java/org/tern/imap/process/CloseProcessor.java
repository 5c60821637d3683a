package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.SimpleRequest;
import org.tern.store.ExpungeMode;
import org.tern.store.UidSet;

/** CLOSE (RFC 3501 §6.4.2): silent expunge unless read-only, then back to AUTHENTICATED. */
public final class CloseProcessor implements CommandProcessor<SimpleRequest> {

    @Override
    public List<String> verbs() {
        return List.of("CLOSE");
    }

    @Override
    public Class<SimpleRequest> requestType() {
        return SimpleRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.SELECTED;
    }

    @Override
    public Completion process(SimpleRequest request, ImapSession session, Responder out) {
        long mailboxId = session.selected().mailboxId();
        boolean readOnly = session.selected().readOnly();
        session.deselect();
        if (!readOnly) {
            session.store().messages().expunge(mailboxId, UidSet.ALL, ExpungeMode.DELETED_ONLY, session.origin());
        }
        return Completion.ok("Close completed.");
    }
}
