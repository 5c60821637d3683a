package org.tern.pop3.handler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tern.core.sasl.SaslExchange;
import org.tern.core.sasl.SaslMechanism;
import org.tern.core.sasl.SaslStep;
import org.tern.pop3.command.Arguments;
import org.tern.pop3.command.Pop3Command;
import org.tern.pop3.command.Pop3CommandHandler;
import org.tern.pop3.login.PlaintextPolicy;
import org.tern.pop3.login.Pop3Login;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.pop3.session.Pop3Session;
import org.tern.pop3.session.Pop3State;

/**
 * AUTH mechanism [initial-response] (RFC 5034). Challenges are {@code + base64}; the client answers with a
 * base64 line, or "*" to cancel. A bare AUTH lists the mechanisms (the older RFC 1734 form some clients use).
 */
public final class AuthCmdHandler implements Pop3CommandHandler {

    private final PlaintextPolicy policy;
    private final Pop3Login login;
    private final List<SaslMechanism> mechanisms;

    public AuthCmdHandler(PlaintextPolicy policy, Pop3Login login, List<SaslMechanism> mechanisms) {
        this.policy = policy;
        this.login = login;
        this.mechanisms = List.copyOf(mechanisms);
    }

    @Override
    public String verb() {
        return "AUTH";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.AUTHORIZATION);
    }

    @Override
    public List<String> capabilities(Pop3Session session) {
        if (session.state() != Pop3State.AUTHORIZATION || !policy.allows(session) || mechanisms.isEmpty()) {
            return List.of();
        }
        return List.of("SASL " + String.join(" ", names()));
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (SaslMechanism m : mechanisms) {
            names.add(m.name());
        }
        return names;
    }

    @Override
    public void handle(Pop3Session session, Pop3Command command) {
        Arguments.expectCount(command, 0, 2);
        if (!policy.allows(session)) {
            session.reply(Pop3Replies.plaintextRefused());
            return;
        }
        if (command.argCount() == 0) {
            session.writer().multiline(Pop3Replies.mechanismsFollow(), names());
            return;
        }
        Optional<SaslMechanism> mechanism = mechanisms.stream()
                .filter(m -> m.name().equalsIgnoreCase(command.arg(0))).findFirst();
        if (mechanism.isEmpty()) {
            session.reply(Pop3Replies.unknownMechanism());
            return;
        }
        SaslExchange exchange = mechanism.get().start();
        byte[] initial = null;
        if (command.argCount() == 2) {
            // RFC 5034 §4: "=" is an empty initial response.
            Optional<byte[]> decoded = command.arg(1).equals("=") ? Optional.of(new byte[0]) : decode(command.arg(1));
            if (decoded.isEmpty()) {
                session.reply(Pop3Replies.saslMalformed());
                return;
            }
            initial = decoded.get();
        }
        step(session, exchange, initial);
    }

    private void step(Pop3Session session, SaslExchange exchange, byte[] response) {
        SaslStep step = exchange.step(response);
        if (step instanceof SaslStep.Challenge c) {
            session.writer().continuation(Base64.getEncoder().encodeToString(c.challenge()));
            session.expectContinuation((s, line) -> onResponse(s, exchange, line));
        } else if (step instanceof SaslStep.Credentials c) {
            if (c.authorizationId() != null && !c.authorizationId().isEmpty()
                    && !c.authorizationId().equalsIgnoreCase(c.username())) {
                // Acting as another user is not supported.
                session.reply(Pop3Replies.authFailed());
                return;
            }
            login.login(session, c.username(), c.password());
        } else {
            session.reply(Pop3Replies.saslMalformed());
        }
    }

    private void onResponse(Pop3Session session, SaslExchange exchange, byte[] line) {
        String text = new String(line, StandardCharsets.US_ASCII).trim();
        if (text.equals("*")) {
            session.reply(Pop3Replies.authCancelled());
            return;
        }
        Optional<byte[]> response = decode(text);
        if (response.isEmpty()) {
            session.reply(Pop3Replies.saslMalformed());
            return;
        }
        step(session, exchange, response.get());
    }

    private static Optional<byte[]> decode(String base64) {
        try {
            return Optional.of(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
