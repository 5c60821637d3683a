package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.SimpleRequest;

/** UNSELECT (RFC 3691): like CLOSE without expunging. */
public final class UnselectProcessor implements CommandProcessor<SimpleRequest> {

    @Override
    public List<String> verbs() {
        return List.of("UNSELECT");
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
    public List<String> capabilities(ImapSession session) {
        return List.of("UNSELECT");
    }

    @Override
    public Completion process(SimpleRequest request, ImapSession session, Responder out) {
        session.deselect();
        return Completion.ok("Unselect completed.");
    }
}
