package org.tern.pop3.handler;

import java.util.Set;

import org.tern.pop3.command.Arguments;
import org.tern.pop3.command.Pop3Command;
import org.tern.pop3.command.Pop3CommandHandler;
import org.tern.pop3.maildrop.MaildropEntry;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.pop3.session.Pop3Session;
import org.tern.pop3.session.Pop3State;

/** DELE msg: only marks; the store is changed at QUIT (RFC 1939 §5, §6). */
public final class DeleCmdHandler implements Pop3CommandHandler {

    @Override
    public String verb() {
        return "DELE";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.TRANSACTION);
    }

    @Override
    public void handle(Pop3Session session, Pop3Command command) {
        Arguments.expectCount(command, 1, 1);
        MaildropEntry e = MessageLookup.live(session.maildrop(), command.arg(0));
        session.maildrop().markDeleted(e.number());
        session.reply(Pop3Replies.deleted(e.number()));
    }
}
