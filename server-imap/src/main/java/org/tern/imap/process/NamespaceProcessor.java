package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.SimpleRequest;
import org.tern.imap.encode.ImapResponse;

/** NAMESPACE (RFC 2342): one personal namespace, no others. */
public final class NamespaceProcessor implements CommandProcessor<SimpleRequest> {

    @Override
    public List<String> verbs() {
        return List.of("NAMESPACE");
    }

    @Override
    public Class<SimpleRequest> requestType() {
        return SimpleRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.AUTHENTICATED;
    }

    @Override
    public List<String> capabilities(ImapSession session) {
        return List.of("NAMESPACE");
    }

    @Override
    public Completion process(SimpleRequest request, ImapSession session, Responder out) {
        out.send(new ImapResponse.Namespace());
        return Completion.ok("Namespace completed.");
    }
}
