package org.tern.smtp.command;

import java.util.List;
import java.util.Optional;

import org.tern.smtp.hook.HookChain;
import org.tern.smtp.hook.HookResult;
import org.tern.smtp.protocol.EnvelopeParser;
import org.tern.smtp.protocol.MailArguments;
import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.SmtpSyntaxException;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.SmtpSession;
import org.tern.smtp.session.SmtpState;

/**
 * MAIL FROM: starts a transaction after the MAIL hooks. Its parameters are the extensions it offers:
 * SIZE (RFC 1870), 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531), DSN RET/ENVID (RFC 3461).
 */
public final class MailHandler implements CommandHandler, EhloKeywords {

    @Override
    public Verb verb() {
        return Verb.MAIL;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        return switch (session.state()) {
            case CONNECTED -> Optional.of(SmtpReplies.SEND_HELO_FIRST);
            case GREETED -> Optional.empty();
            case BDAT -> Optional.of(SmtpReplies.BDAT_IN_PROGRESS);
            default -> Optional.of(SmtpReplies.NESTED_MAIL);
        };
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        MailArguments mail;
        try {
            mail = EnvelopeParser.parseMail(command.argument());
        } catch (SmtpSyntaxException e) {
            session.reply(e.reply());
            return;
        }
        HookResult result;
        try {
            result = HookChain.run(session.policy().mailHooks(), h -> h.onMail(session, mail));
        } catch (RuntimeException e) {
            session.reply(SmtpReplies.STORE_FAILURE);
            return;
        }
        if (result.isDenied()) {
            session.reply(result.reply());
            return;
        }
        session.beginTransaction(mail);
        session.setState(SmtpState.MAIL);
        session.reply(SmtpReplies.SENDER_OK);
    }

    @Override
    public List<String> ehloKeywords(SmtpSession session) {
        return List.of("SIZE " + session.settings().maxMessageBytes(), "8BITMIME", "SMTPUTF8", "DSN");
    }
}
