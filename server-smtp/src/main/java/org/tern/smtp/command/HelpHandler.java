package org.tern.smtp.command;

import java.util.List;
import java.util.Optional;

import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.SmtpSession;

/** HELP: 214 with the supported commands. */
public final class HelpHandler implements CommandHandler {

    @Override
    public Verb verb() {
        return Verb.HELP;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        return Optional.empty();
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        session.reply(new SmtpReply(214, "2.0.0", List.of(
                "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH",
                "See RFC 5321")));
    }
}
