package org.tern.imap.process;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tern.core.sasl.SaslExchange;
import org.tern.core.sasl.SaslMechanism;
import org.tern.core.sasl.SaslMechanisms;
import org.tern.core.sasl.SaslStep;
import org.tern.imap.decode.AuthenticateRequest;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ImapResponse.Condition;

/** AUTHENTICATE (RFC 3501 §6.2.2) with SASL-IR (RFC 4959); mechanisms from server-core. */
public final class AuthenticateProcessor implements CommandProcessor<AuthenticateRequest> {

    @Override
    public List<String> verbs() {
        return List.of("AUTHENTICATE");
    }

    @Override
    public Class<AuthenticateRequest> requestType() {
        return AuthenticateRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.NOT_AUTHENTICATED;
    }

    @Override
    public List<String> capabilities(ImapSession session) {
        if (session.state() != ImapState.NOT_AUTHENTICATED || !session.plaintextAllowed()) {
            return List.of();
        }
        List<String> caps = new ArrayList<>();
        for (String name : mechanismNames()) {
            caps.add("AUTH=" + name);
        }
        caps.add("SASL-IR");
        return caps;
    }

    private static List<String> mechanismNames() {
        try {
            return SaslMechanisms.all().stream().map(SaslMechanism::name).toList();
        } catch (UnsupportedOperationException e) {
            return List.of("PLAIN", "LOGIN");
        }
    }

    @Override
    public Completion process(AuthenticateRequest request, ImapSession session, Responder out) {
        if (!session.plaintextAllowed()) {
            throw ImapException.no("PRIVACYREQUIRED", "Plaintext authentication disallowed on non-secure connections.");
        }
        Optional<SaslMechanism> mech = SaslMechanisms.byName(request.mechanism());
        if (mech.isEmpty()) {
            throw ImapException.no("CANNOT", "Unsupported authentication mechanism.");
        }
        SaslExchange exchange = mech.get().start();
        byte[] initial = null;
        if (request.initialResponse() != null) {
            initial = decode(request.initialResponse());
            if (initial == null) {
                throw ImapException.bad("Invalid base64 initial response");
            }
        }
        return step(request.tag(), exchange, initial, session, out);
    }

    /** "=" is an empty initial response (RFC 4959); otherwise base64; null if malformed. */
    private static byte[] decode(String text) {
        if (text.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Completion step(String tag, SaslExchange exchange, byte[] response, ImapSession session, Responder out) {
        SaslStep step = exchange.step(response);
        if (step instanceof SaslStep.Challenge c) {
            session.setInterceptor((line, s, o) -> continueExchange(tag, exchange, line, s, o));
            out.send(new ImapResponse.Continuation(Base64.getEncoder().encodeToString(c.challenge())));
            return Completion.deferred();
        }
        if (step instanceof SaslStep.Credentials cred) {
            return LoginCompletion.verify(tag, cred.username(), cred.password(), session, out);
        }
        throw ImapException.bad("Invalid SASL response");
    }

    private void continueExchange(String tag, SaslExchange exchange, String line, ImapSession session, Responder out) {
        session.setInterceptor(null);
        Completion c;
        if (line.equals("*")) {
            c = new Completion(Condition.BAD, null, "Authentication cancelled", false);
        } else {
            byte[] response = line.isEmpty() ? new byte[0] : decode(line);
            if (response == null) {
                c = new Completion(Condition.BAD, null, "Invalid base64 response", false);
            } else {
                try {
                    c = step(tag, exchange, response, session, out);
                } catch (RuntimeException e) {
                    c = ImapErrorMapper.map(e, session);
                }
            }
        }
        if (!c.isDeferred()) {
            out.send(new ImapResponse.Status(tag, c.condition(), c.code(), c.text()));
        }
    }
}
