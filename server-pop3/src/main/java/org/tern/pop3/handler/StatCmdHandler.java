package org.tern.pop3.handler;

import java.util.Set;

import org.tern.pop3.command.Arguments;
import org.tern.pop3.command.Pop3Command;
import org.tern.pop3.command.Pop3CommandHandler;
import org.tern.pop3.maildrop.Maildrop;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.pop3.session.Pop3Session;
import org.tern.pop3.session.Pop3State;

/** STAT: count and octets of the messages not marked deleted (RFC 1939 §5). */
public final class StatCmdHandler implements Pop3CommandHandler {

    @Override
    public String verb() {
        return "STAT";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.TRANSACTION);
    }

    @Override
    public void handle(Pop3Session session, Pop3Command command) {
        Arguments.expectCount(command, 0, 0);
        Maildrop drop = session.maildrop();
        session.reply(Pop3Replies.stat(drop.count(), drop.size()));
    }
}
