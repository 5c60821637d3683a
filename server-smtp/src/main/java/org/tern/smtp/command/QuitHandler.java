package org.tern.smtp.command;

import java.util.Optional;

import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.SmtpSession;
import org.tern.smtp.session.SmtpState;

/** QUIT: 221, then close (a partial transaction is discarded). */
public final class QuitHandler implements CommandHandler {

    @Override
    public Verb verb() {
        return Verb.QUIT;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        return Optional.empty();
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        session.resetTransaction();
        session.reply(SmtpReplies.bye(session.settings().hostname()));
        session.setState(SmtpState.CLOSED);
        session.connection().close();
    }
}
