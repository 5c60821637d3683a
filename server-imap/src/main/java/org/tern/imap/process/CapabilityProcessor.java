package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.SimpleRequest;
import org.tern.imap.encode.ImapResponse;

/** CAPABILITY; also contributes the parser-level LITERAL+ (RFC 7888). */
public final class CapabilityProcessor implements CommandProcessor<SimpleRequest> {

    @Override
    public List<String> verbs() {
        return List.of("CAPABILITY");
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
    public List<String> capabilities(ImapSession session) {
        return List.of("LITERAL+");
    }

    @Override
    public Completion process(SimpleRequest request, ImapSession session, Responder out) {
        out.send(new ImapResponse.Capability(session.capabilities()));
        return Completion.ok("Capability completed.");
    }
}
