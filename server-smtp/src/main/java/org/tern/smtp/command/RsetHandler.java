package org.tern.smtp.command;

import java.util.Optional;

import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.SmtpSession;

/** RSET: abandons the transaction (and any partial BDAT body); keeps EHLO and AUTH. */
public final class RsetHandler implements CommandHandler {

    @Override
    public Verb verb() {
        return Verb.RSET;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        return Optional.empty();
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        if (command.hasArgument()) {
            session.reply(SmtpReplies.NO_ARGUMENTS_ALLOWED);
            return;
        }
        session.resetTransaction();
        session.reply(SmtpReplies.RESET_OK);
    }
}
