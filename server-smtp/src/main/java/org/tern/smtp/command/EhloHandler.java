package org.tern.smtp.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.SmtpSession;

/** EHLO: resets the session and lists the extensions every handler contributes (CONVENTIONS §2). */
public final class EhloHandler implements CommandHandler, EhloKeywords {

    private final Supplier<List<EhloKeywords>> extensions;

    public EhloHandler(Supplier<List<EhloKeywords>> extensions) {
        this.extensions = extensions;
    }

    @Override
    public Verb verb() {
        return Verb.EHLO;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        return Optional.empty();
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        if (!command.hasArgument()) {
            session.reply(SmtpReplies.HELO_SYNTAX);
            return;
        }
        session.greeted(command.argument(), true);
        List<String> lines = new ArrayList<>();
        lines.add(session.settings().hostname() + " Hello " + command.argument());
        for (EhloKeywords source : extensions.get()) {
            lines.addAll(source.ehloKeywords(session));
        }
        session.reply(new SmtpReply(250, "", lines));
    }

    /** RFC 2920: the dispatcher answers pipelined commands in order and flushes once per batch. */
    @Override
    public List<String> ehloKeywords(SmtpSession session) {
        return List.of("PIPELINING");
    }
}
