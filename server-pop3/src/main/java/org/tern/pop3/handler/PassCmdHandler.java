package org.tern.pop3.handler;

import java.util.Set;

import org.tern.pop3.command.Pop3Command;
import org.tern.pop3.command.Pop3CommandException;
import org.tern.pop3.command.Pop3CommandHandler;
import org.tern.pop3.login.PlaintextPolicy;
import org.tern.pop3.login.Pop3Login;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.pop3.session.Pop3Session;
import org.tern.pop3.session.Pop3State;

/** PASS password, right after USER (RFC 1939 §7). The password is the rest of the line and may hold spaces. */
public final class PassCmdHandler implements Pop3CommandHandler {

    private final PlaintextPolicy policy;
    private final Pop3Login login;

    public PassCmdHandler(PlaintextPolicy policy, Pop3Login login) {
        this.policy = policy;
        this.login = login;
    }

    @Override
    public String verb() {
        return "PASS";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.AUTHORIZATION);
    }

    @Override
    public void handle(Pop3Session session, Pop3Command command) {
        if (command.rest().isEmpty()) {
            throw new Pop3CommandException(Pop3Replies.syntax("PASS takes 1 argument(s)"), true);
        }
        if (!policy.allows(session)) {
            session.reply(Pop3Replies.plaintextRefused());
            return;
        }
        String user = session.pendingUser();
        if (user == null) {
            session.reply(Pop3Replies.passWithoutUser());
            return;
        }
        // RFC 1939 §7: after a failed PASS the client starts again with USER.
        session.setPendingUser(null);
        login.login(session, user, command.rest().toCharArray());
    }
}
