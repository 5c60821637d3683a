package org.tern.smtp.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.core.auth.AuthResult;
import org.tern.core.sasl.SaslExchange;
import org.tern.core.sasl.SaslMechanism;
import org.tern.core.sasl.SaslMechanisms;
import org.tern.core.sasl.SaslStep;
import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.SmtpRole;
import org.tern.smtp.session.SmtpSession;
import org.tern.smtp.session.SmtpState;

/**
 * AUTH (RFC 4954) with PLAIN and LOGIN, initial response allowed, {@code *} cancels. Offered on submission
 * listeners only, and only over TLS. Credentials are checked by the throttling authenticator off this
 * thread; later input waits ({@code Connection.await}) until the answer is written.
 */
public final class AuthHandler implements CommandHandler, EhloKeywords {

    private static final Logger LOG = LoggerFactory.getLogger("org.tern.smtp");

    @Override
    public Verb verb() {
        return Verb.AUTH;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        if (session.settings().role() != SmtpRole.SUBMISSION) {
            return Optional.of(SmtpReplies.AUTH_NOT_AVAILABLE);
        }
        if (!session.isSecure()) {
            return Optional.of(SmtpReplies.TLS_REQUIRED);
        }
        return switch (session.state()) {
            case CONNECTED -> Optional.of(SmtpReplies.SEND_HELO_FIRST);
            case GREETED -> session.account() != null
                    ? Optional.of(SmtpReplies.ALREADY_AUTHENTICATED) : Optional.empty();
            default -> Optional.of(SmtpReplies.AUTH_IN_TRANSACTION);
        };
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        String[] parts = command.argument().split(" ");
        if (parts.length < 1 || parts.length > 2 || parts[0].isEmpty()) {
            session.reply(SmtpReplies.SYNTAX);
            return;
        }
        Optional<SaslMechanism> mechanism = SaslMechanisms.byName(parts[0]);
        if (mechanism.isEmpty()) {
            session.reply(SmtpReplies.AUTH_MECHANISM_UNKNOWN);
            return;
        }
        byte[] initial = null;
        if (parts.length == 2) {
            initial = decode(parts[1]);
            if (initial == null) {
                session.reply(SmtpReplies.AUTH_MALFORMED);
                return;
            }
        }
        SaslExchange exchange = mechanism.get().start();
        step(session, exchange, initial);
    }

    /** A line received in state AUTH: the client's response to a 334 challenge. */
    public void onResponse(SmtpSession session, byte[] line) {
        SaslExchange exchange = session.saslExchange();
        String text = new String(line, StandardCharsets.US_ASCII).trim();
        if (text.equals("*")) {
            endExchange(session);
            session.reply(SmtpReplies.AUTH_CANCELLED);
            return;
        }
        byte[] response = decode(text);
        if (response == null || exchange == null) {
            endExchange(session);
            session.reply(SmtpReplies.AUTH_MALFORMED);
            return;
        }
        step(session, exchange, response);
    }

    /** Ends an exchange interrupted by a too-long line or similar. */
    public void abort(SmtpSession session) {
        endExchange(session);
    }

    private void step(SmtpSession session, SaslExchange exchange, byte[] response) {
        SaslStep next;
        try {
            next = exchange.step(response);
        } catch (RuntimeException e) {
            next = new SaslStep.Malformed(String.valueOf(e.getMessage()));
        }
        if (next instanceof SaslStep.Challenge challenge) {
            session.setSaslExchange(exchange);
            session.setState(SmtpState.AUTH);
            session.reply(SmtpReplies.authChallenge(Base64.getEncoder().encodeToString(challenge.challenge())));
            return;
        }
        endExchange(session);
        if (next instanceof SaslStep.Malformed) {
            session.reply(SmtpReplies.AUTH_MALFORMED);
            return;
        }
        SaslStep.Credentials creds = (SaslStep.Credentials) next;
        if (creds.authorizationId() != null && !creds.authorizationId().isEmpty()
                && !creds.authorizationId().equalsIgnoreCase(creds.username())) {
            // Acting as another user (authzid) is not supported.
            Arrays.fill(creds.password(), '\0');
            session.reply(SmtpReplies.BAD_CREDENTIALS);
            return;
        }
        verify(session, creds);
    }

    private void verify(SmtpSession session, SaslStep.Credentials creds) {
        CompletionStage<AuthResult> result;
        try {
            result = session.authenticator().authenticate(creds.username(), creds.password(), session.connection());
        } catch (RuntimeException e) {
            Arrays.fill(creds.password(), '\0');
            session.reply(SmtpReply.of(454, "4.7.0", "Temporary authentication failure"));
            return;
        }
        // The reply is written before later input is released: await() waits for this stage, not the raw one.
        CompletionStage<Void> answered = result.handle((r, e) -> {
            Arrays.fill(creds.password(), '\0');
            answer(session, creds.username(), r, e);
            return null;
        });
        session.connection().await(answered);
    }

    private void answer(SmtpSession session, String username, AuthResult r, Throwable error) {
        if (error != null || r == null) {
            LOG.warn("{} auth error user={}: {}", session.logPrefix(), username, String.valueOf(error));
            session.reply(SmtpReply.of(454, "4.7.0", "Temporary authentication failure"));
        } else if (r.status() == AuthResult.Status.OK) {
            session.setAccount(r.account());
            session.reply(SmtpReplies.AUTH_OK);
        } else if (r.status() == AuthResult.Status.BANNED) {
            session.reply(SmtpReplies.BANNED);
        } else {
            session.reply(SmtpReplies.BAD_CREDENTIALS);
        }
        session.connection().flush();
    }

    private static void endExchange(SmtpSession session) {
        session.setSaslExchange(null);
        if (session.state() == SmtpState.AUTH) {
            session.setState(SmtpState.GREETED);
        }
    }

    /** RFC 4954 §4: "=" is an empty initial response. */
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

    @Override
    public List<String> ehloKeywords(SmtpSession session) {
        if (session.settings().role() != SmtpRole.SUBMISSION || !session.isSecure()) {
            return List.of();
        }
        String names = SaslMechanisms.all().stream().map(m -> m.name().toUpperCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
        return List.of("AUTH " + names);
    }
}
