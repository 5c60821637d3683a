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

/** UIDL [msg]: unique-id listings (RFC 1939 §7), derived from UIDVALIDITY and UID. */
public final class UidlCmdHandler implements Pop3CommandHandler {

    @Override
    public String verb() {
        return "UIDL";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.TRANSACTION);
    }

    @Override
    public List<String> capabilities(Pop3Session session) {
        return List.of("UIDL");
    }

    @Override
    public void handle(Pop3Session session, Pop3Command command) {
        Arguments.expectCount(command, 0, 1);
        Maildrop drop = session.maildrop();
        if (command.argCount() == 1) {
            MaildropEntry e = MessageLookup.live(drop, command.arg(0));
            session.reply(Pop3Replies.uidlListing(e.number(), drop.uidl(e)));
            return;
        }
        List<MaildropEntry> live = drop.liveEntries();
        List<String> lines = new ArrayList<>(live.size());
        for (MaildropEntry e : live) {
            lines.add(e.number() + " " + drop.uidl(e));
        }
        session.writer().multiline(Pop3Replies.uidlFollows(), lines);
    }
}
