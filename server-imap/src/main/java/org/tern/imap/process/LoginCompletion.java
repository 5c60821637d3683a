package org.tern.imap.process;

import java.util.Arrays;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.core.auth.AuthResult;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ImapResponse.Condition;

/** Verifies credentials through the throttling authenticator and answers when the (delayed) result is in. */
final class LoginCompletion {

    private static final Logger LOG = LoggerFactory.getLogger(LoginCompletion.class);

    private LoginCompletion() {
    }

    static Completion verify(String tag, String username, char[] password, ImapSession session, Responder out) {
        CompletionStage<AuthResult> stage;
        try {
            stage = session.context().authenticator().authenticate(username, password, session.connection());
        } finally {
            Arrays.fill(password, '\0');
        }
        CompletionStage<?> done = stage.handle((result, error) -> {
            answer(tag, username, result, error, session, out);
            return null;
        });
        // later input waits until the answer is written and the state is updated
        session.connection().await(done);
        return Completion.deferred();
    }

    private static void answer(String tag, String username, AuthResult result, Throwable error, ImapSession session,
                               Responder out) {
        String sid = session.connection().id();
        if (error != null) {
            LOG.warn("login error session={} remote={} user={}: {}", sid, session.connection().remoteAddress(),
                    username, error.toString());
            out.send(new ImapResponse.Status(tag, Condition.NO, "UNAVAILABLE", "Temporary authentication failure"));
        } else if (result.ok()) {
            session.loggedIn(result.account());
            LOG.info("login session={} remote={} user={}", sid, session.connection().remoteAddress(),
                    result.account().address());
            out.send(new ImapResponse.Status(tag, Condition.OK,
                    "CAPABILITY " + String.join(" ", session.capabilities()), "Logged in"));
        } else if (result.status() == AuthResult.Status.BANNED) {
            out.send(new ImapResponse.Status(tag, Condition.NO, "UNAVAILABLE",
                    "Too many failed logins from your address, try later"));
        } else {
            LOG.info("login failed session={} remote={} user={}", sid, session.connection().remoteAddress(), username);
            out.send(new ImapResponse.Status(tag, Condition.NO, "AUTHENTICATIONFAILED", "Authentication failed."));
        }
        out.flush();
    }
}
