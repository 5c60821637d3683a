package org.tern.smtp.command;

import java.util.Optional;

import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.SmtpSession;

/** HELO: plain SMTP greeting (no extensions listed). */
public final class HeloHandler implements CommandHandler {

    @Override
    public Verb verb() {
        return Verb.HELO;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        return Optional.empty();
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        if (!command.hasArgument()) {
            session.reply(SmtpReply.of(501, "5.5.4", "Syntax: HELO hostname"));
            return;
        }
        session.greeted(command.argument(), false);
        session.reply(SmtpReplies.heloOk(session.settings().hostname(), command.argument()));
    }
}
