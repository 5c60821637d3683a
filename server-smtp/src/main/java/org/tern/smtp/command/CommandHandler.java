package org.tern.smtp.command;

import java.util.Optional;

import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.SmtpSession;

/** One SMTP command: the states it is valid in (as a refusal reply otherwise) and what it does. */
public interface CommandHandler {

    Verb verb();

    /** The reply refusing the command in the session's current state, or empty when it may run. */
    Optional<SmtpReply> refusal(SmtpSession session);

    void handle(SmtpSession session, SmtpCommand command);
}
