package org.tern.smtp.command;

import java.util.List;
import java.util.Optional;

import org.tern.smtp.hook.HookChain;
import org.tern.smtp.hook.HookResult;
import org.tern.smtp.protocol.EnvelopeParser;
import org.tern.smtp.protocol.RcptArguments;
import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.SmtpSyntaxException;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.AcceptedRecipient;
import org.tern.smtp.session.SmtpSession;
import org.tern.smtp.session.SmtpState;
import org.tern.store.Domain;
import org.tern.store.RecipientResolution;

/** RCPT TO: resolves the address through the directory (aliases, catch-all), then runs the RCPT hooks. */
public final class RcptHandler implements CommandHandler {

    @Override
    public Verb verb() {
        return Verb.RCPT;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        return switch (session.state()) {
            case MAIL, RCPT -> Optional.empty();
            case BDAT -> Optional.of(SmtpReplies.BDAT_IN_PROGRESS);
            default -> Optional.of(SmtpReplies.NEED_MAIL);
        };
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        RcptArguments rcpt;
        try {
            rcpt = EnvelopeParser.parseRcpt(command.argument(), session.transaction().mail().smtpUtf8());
        } catch (SmtpSyntaxException e) {
            session.reply(e.reply());
            return;
        }
        HookResult result;
        AcceptedRecipient candidate;
        try {
            candidate = new AcceptedRecipient(rcpt, resolve(session, rcpt));
            result = HookChain.run(session.policy().rcptHooks(), h -> h.onRcpt(session, candidate));
        } catch (RuntimeException e) {
            session.reply(SmtpReplies.STORE_FAILURE);
            return;
        }
        if (result.isDenied()) {
            session.reply(result.reply());
            return;
        }
        session.transaction().addRecipient(candidate);
        session.setState(SmtpState.RCPT);
        session.reply(SmtpReplies.RECIPIENT_OK);
    }

    private static RecipientResolution resolve(SmtpSession session, RcptArguments rcpt) {
        if (!rcpt.postmaster()) {
            return session.addresses().resolve(rcpt.recipient().toString());
        }
        // RFC 5321 §4.5.1: bare <postmaster> is the postmaster of the host name's domain, else the first domain.
        String host = session.settings().hostname();
        List<Domain> domains = session.store().directory().domains();
        for (Domain d : domains) {
            if (host.equalsIgnoreCase(d.name()) || host.toLowerCase(java.util.Locale.ROOT).endsWith("." + d.name().toLowerCase(java.util.Locale.ROOT))) {
                return session.addresses().resolve("postmaster@" + d.name());
            }
        }
        if (domains.isEmpty()) {
            return new RecipientResolution.UnknownUser("postmaster");
        }
        return session.addresses().resolve("postmaster@" + domains.get(0).name());
    }
}
