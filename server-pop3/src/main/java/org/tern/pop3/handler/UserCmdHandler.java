package org.tern.pop3.handler;

import java.util.List;
import java.util.Set;

import org.tern.pop3.command.Arguments;
import org.tern.pop3.command.Pop3Command;
import org.tern.pop3.command.Pop3CommandHandler;
import org.tern.pop3.login.PlaintextPolicy;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.pop3.session.Pop3Session;
import org.tern.pop3.session.Pop3State;

/** USER name (RFC 1939 §7). Never says whether the name exists. */
public final class UserCmdHandler implements Pop3CommandHandler {

    private final PlaintextPolicy policy;

    public UserCmdHandler(PlaintextPolicy policy) {
        this.policy = policy;
    }

    @Override
    public String verb() {
        return "USER";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.AUTHORIZATION);
    }

    @Override
    public List<String> capabilities(Pop3Session session) {
        return session.state() == Pop3State.AUTHORIZATION && policy.allows(session) ? List.of("USER") : List.of();
    }

    @Override
    public void handle(Pop3Session session, Pop3Command command) {
        Arguments.expectCount(command, 1, 1);
        if (!policy.allows(session)) {
            session.reply(Pop3Replies.plaintextRefused());
            return;
        }
        session.setPendingUser(command.arg(0));
        session.reply(Pop3Replies.userAccepted());
    }
}
