package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.MailboxRequest;

/** SUBSCRIBE and UNSUBSCRIBE (RFC 3501 §6.3.6-7). */
public final class SubscribeProcessor implements CommandProcessor<MailboxRequest> {

    @Override
    public List<String> verbs() {
        return List.of("SUBSCRIBE", "UNSUBSCRIBE");
    }

    @Override
    public Class<MailboxRequest> requestType() {
        return MailboxRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion process(MailboxRequest request, ImapSession session, Responder out) {
        boolean subscribe = request.verb().equals("SUBSCRIBE");
        if (subscribe && session.store().mailboxes().find(session.accountId(), request.mailbox()).isEmpty()) {
            throw ImapException.no("NONEXISTENT", "Mailbox doesn't exist: " + request.mailbox());
        }
        session.store().mailboxes().setSubscribed(session.accountId(), request.mailbox(), subscribe);
        return Completion.ok(subscribe ? "Subscribe completed." : "Unsubscribe completed.");
    }
}
