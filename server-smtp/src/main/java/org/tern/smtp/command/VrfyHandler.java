package org.tern.smtp.command;

import java.util.Optional;

import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.SmtpSession;

/** VRFY and EXPN: 252 without revealing whether a user exists (RFC 5321 §3.5.3, §7.3). */
public final class VrfyHandler implements CommandHandler {

    private final Verb verb;

    public VrfyHandler(Verb verb) {
        this.verb = verb;
    }

    @Override
    public Verb verb() {
        return verb;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        return Optional.empty();
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        if (!command.hasArgument()) {
            session.reply(SmtpReplies.SYNTAX);
            return;
        }
        session.reply(SmtpReplies.VRFY);
    }
}
