package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.EnableRequest;
import org.tern.imap.encode.ImapResponse;

/** ENABLE (RFC 5161): nothing enableable yet (CONDSTORE/QRESYNC come next), so ENABLED is empty. */
public final class EnableProcessor implements CommandProcessor<EnableRequest> {

    @Override
    public List<String> verbs() {
        return List.of("ENABLE");
    }

    @Override
    public Class<EnableRequest> requestType() {
        return EnableRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.AUTHENTICATED;
    }

    @Override
    public List<String> capabilities(ImapSession session) {
        return List.of("ENABLE");
    }

    @Override
    public Completion process(EnableRequest request, ImapSession session, Responder out) {
        out.send(new ImapResponse.Enabled(List.of()));
        return Completion.ok("Enabled.");
    }
}
