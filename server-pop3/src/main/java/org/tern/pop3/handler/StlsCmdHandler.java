package org.tern.pop3.handler;

import java.util.List;
import java.util.Set;

import org.tern.core.net.ListenerSpec;
import org.tern.pop3.command.Arguments;
import org.tern.pop3.command.Pop3Command;
import org.tern.pop3.command.Pop3CommandHandler;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.pop3.session.Pop3Session;
import org.tern.pop3.session.Pop3State;

/** STLS (RFC 2595 §4): only on the STLS listener, before login and before TLS is up. */
public final class StlsCmdHandler implements Pop3CommandHandler {

    @Override
    public String verb() {
        return "STLS";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.AUTHORIZATION);
    }

    @Override
    public List<String> capabilities(Pop3Session session) {
        return available(session) ? List.of("STLS") : List.of();
    }

    private static boolean available(Pop3Session session) {
        return session.state() == Pop3State.AUTHORIZATION
                && session.connection().listener().tls() == ListenerSpec.TlsMode.STARTTLS
                && !session.isSecure();
    }

    @Override
    public void handle(Pop3Session session, Pop3Command command) {
        Arguments.expectCount(command, 0, 0);
        if (!available(session)) {
            session.reply(Pop3Replies.stlsUnavailable());
            return;
        }
        session.reply(Pop3Replies.stlsReady());
        session.startTls();
    }
}
