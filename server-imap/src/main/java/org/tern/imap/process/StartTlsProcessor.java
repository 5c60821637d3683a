package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.core.net.ListenerSpec;
import org.tern.imap.decode.SimpleRequest;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ImapResponse.Condition;

/** STARTTLS (RFC 3501 §6.2.1); the framing paused input after the command line. */
public final class StartTlsProcessor implements CommandProcessor<SimpleRequest> {

    @Override
    public List<String> verbs() {
        return List.of("STARTTLS");
    }

    @Override
    public Class<SimpleRequest> requestType() {
        return SimpleRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.NOT_AUTHENTICATED;
    }

    private static boolean offered(ImapSession session) {
        return session.connection().listener().tls() == ListenerSpec.TlsMode.STARTTLS
                && !session.connection().isSecure() && session.state() == ImapState.NOT_AUTHENTICATED;
    }

    @Override
    public List<String> capabilities(ImapSession session) {
        return offered(session) ? List.of("STARTTLS") : List.of();
    }

    @Override
    public Completion process(SimpleRequest request, ImapSession session, Responder out) {
        if (!offered(session)) {
            throw ImapException.bad(session.connection().isSecure() ? "TLS is already active" : "TLS not available");
        }
        out.send(new ImapResponse.Status(request.tag(), Condition.OK, null, "Begin TLS negotiation now."));
        session.markTlsStarted();
        out.flush(); // the OK must leave in plaintext before the handshake
        session.connection().startTls();
        return Completion.deferred();
    }
}
