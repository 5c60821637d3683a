package org.tern.pop3.handler;

import java.util.List;
import java.util.Set;

import org.tern.pop3.command.Arguments;
import org.tern.pop3.command.Pop3Command;
import org.tern.pop3.command.Pop3CommandHandler;
import org.tern.pop3.maildrop.MaildropEntry;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.pop3.session.Pop3Session;
import org.tern.pop3.session.Pop3State;
import org.tern.pop3.transfer.DotStuffer;
import org.tern.store.MailStore;

/** TOP msg n (RFC 1939 §7): the header, the blank line and n lines of the body. Does not set \Seen. */
public final class TopCmdHandler implements Pop3CommandHandler {

    private final MessageTransfer transfer;

    public TopCmdHandler(MailStore store) {
        this.transfer = new MessageTransfer(store);
    }

    @Override
    public String verb() {
        return "TOP";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.TRANSACTION);
    }

    @Override
    public List<String> capabilities(Pop3Session session) {
        return List.of("TOP");
    }

    @Override
    public void handle(Pop3Session session, Pop3Command command) {
        Arguments.expectCount(command, 2, 2);
        MaildropEntry e = MessageLookup.live(session.maildrop(), command.arg(0));
        long lines = Arguments.lineCount(command.arg(1));
        transfer.send(session, e, Pop3Replies.topFollows(), DotStuffer.top(lines));
    }
}
