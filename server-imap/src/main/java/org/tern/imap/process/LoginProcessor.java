package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.LoginRequest;

/** LOGIN (RFC 3501 §6.2.3); LOGINDISABLED before TLS except from trusted loopback clients. */
public final class LoginProcessor implements CommandProcessor<LoginRequest> {

    @Override
    public List<String> verbs() {
        return List.of("LOGIN");
    }

    @Override
    public Class<LoginRequest> requestType() {
        return LoginRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.NOT_AUTHENTICATED;
    }

    @Override
    public List<String> capabilities(ImapSession session) {
        if (session.state() == ImapState.NOT_AUTHENTICATED && !session.plaintextAllowed()) {
            return List.of("LOGINDISABLED");
        }
        return List.of();
    }

    @Override
    public Completion process(LoginRequest request, ImapSession session, Responder out) {
        if (!session.plaintextAllowed()) {
            throw ImapException.no("PRIVACYREQUIRED", "Plaintext authentication disallowed on non-secure connections.");
        }
        return LoginCompletion.verify(request.tag(), request.username(), request.password(), session, out);
    }
}
