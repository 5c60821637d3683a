package org.tern.pop3.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tern.pop3.command.Arguments;
import org.tern.pop3.command.Pop3Command;
import org.tern.pop3.command.Pop3CommandHandler;
import org.tern.pop3.maildrop.Maildrop;
import org.tern.pop3.maildrop.MaildropEntry;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.pop3.session.Pop3Session;
import org.tern.pop3.session.Pop3State;

/** LIST [msg]: scan listings of the messages not marked deleted (RFC 1939 §5). */
public final class ListCmdHandler implements Pop3CommandHandler {

    @Override
    public String verb() {
        return "LIST";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.TRANSACTION);
    }

    @Override
    public void handle(Pop3Session session, Pop3Command command) {
        Arguments.expectCount(command, 0, 1);
        Maildrop drop = session.maildrop();
        if (command.argCount() == 1) {
            MaildropEntry e = MessageLookup.live(drop, command.arg(0));
            session.reply(Pop3Replies.scanListing(e.number(), e.size()));
            return;
        }
        List<MaildropEntry> live = drop.liveEntries();
        List<String> lines = new ArrayList<>(live.size());
        for (MaildropEntry e : live) {
            lines.add(e.number() + " " + e.size());
        }
        session.writer().multiline(Pop3Replies.listFollows(drop.count(), drop.size()), lines);
    }
}
