package org.tern.smtp.command;

import java.util.Optional;

import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.SmtpSession;

/** NOOP [string]: 250, nothing else (RFC 5321 §4.1.1.9). */
public final class NoopHandler implements CommandHandler {

    @Override
    public Verb verb() {
        return Verb.NOOP;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        return Optional.empty();
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        session.reply(SmtpReplies.NOOP_OK);
    }
}
