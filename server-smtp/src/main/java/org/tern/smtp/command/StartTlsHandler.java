package org.tern.smtp.command;

import java.util.List;
import java.util.Optional;

import org.tern.core.net.ListenerSpec;
import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.SmtpSession;
import org.tern.smtp.session.SmtpState;

/**
 * STARTTLS (RFC 3207): 220, then the handshake. The connection drops anything pipelined behind the command
 * (CVE-2011-0411) and the session forgets EHLO and AUTH (§4.2).
 */
public final class StartTlsHandler implements CommandHandler, EhloKeywords {

    @Override
    public Verb verb() {
        return Verb.STARTTLS;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        if (session.isSecure()) {
            return Optional.of(SmtpReplies.TLS_ALREADY_ACTIVE);
        }
        if (!offered(session)) {
            return Optional.of(SmtpReplies.TLS_NOT_AVAILABLE);
        }
        if (session.state() != SmtpState.CONNECTED && session.state() != SmtpState.GREETED) {
            return Optional.of(SmtpReplies.BAD_SEQUENCE);
        }
        return Optional.empty();
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        if (command.hasArgument()) {
            session.reply(SmtpReplies.NO_ARGUMENTS_ALLOWED);
            return;
        }
        session.reply(SmtpReplies.READY_TLS);
        session.forgetAfterTls();
        session.startTls();
    }

    @Override
    public List<String> ehloKeywords(SmtpSession session) {
        return offered(session) && !session.isSecure() ? List.of("STARTTLS") : List.of();
    }

    private static boolean offered(SmtpSession session) {
        return session.connection().listener().tls() == ListenerSpec.TlsMode.STARTTLS;
    }
}
