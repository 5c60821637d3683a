package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.SimpleRequest;

/** NOOP and CHECK: nothing to do; the dispatcher sends pending updates (the point of both). */
public final class NoopProcessor implements CommandProcessor<SimpleRequest> {

    @Override
    public List<String> verbs() {
        return List.of("NOOP", "CHECK");
    }

    @Override
    public Class<SimpleRequest> requestType() {
        return SimpleRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.ANY;
    }

    @Override
    public Completion process(SimpleRequest request, ImapSession session, Responder out) {
        if (request.verb().equals("CHECK") && session.state() != ImapState.SELECTED) {
            throw ImapException.bad("Command not valid in this state: no mailbox selected");
        }
        return Completion.ok(request.verb().equals("NOOP") ? "NOOP completed." : "CHECK completed.");
    }
}
