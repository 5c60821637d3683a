package org.tern.pop3.handler;

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

/** RETR msg (RFC 1939 §5): the message byte for byte, dot-stuffed, streamed from the blob store. */
public final class RetrCmdHandler implements Pop3CommandHandler {

    private final MessageTransfer transfer;

    public RetrCmdHandler(MailStore store) {
        this.transfer = new MessageTransfer(store);
    }

    @Override
    public String verb() {
        return "RETR";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.TRANSACTION);
    }

    @Override
    public void handle(Pop3Session session, Pop3Command command) {
        Arguments.expectCount(command, 1, 1);
        MaildropEntry e = MessageLookup.live(session.maildrop(), command.arg(0));
        if (transfer.send(session, e, Pop3Replies.messageFollows(e.size()), DotStuffer.whole()) && !e.seen()) {
            session.markRetrieved(e.uid());
        }
    }
}
