package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.MailboxRequest;

/** DELETE (RFC 3501 §6.3.4). Other sessions that had it selected are disconnected (as Dovecot does). */
public final class DeleteProcessor implements CommandProcessor<MailboxRequest> {

    @Override
    public List<String> verbs() {
        return List.of("DELETE");
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
        if (request.mailbox().equals("INBOX")) {
            throw ImapException.no("CANNOT", "INBOX can't be deleted.");
        }
        if (session.selected() != null && session.selected().name().equals(request.mailbox())) {
            // deleting the selected mailbox: unselect first so this session is not disconnected by its own event
            session.deselect();
        }
        session.store().mailboxes().delete(session.accountId(), request.mailbox());
        return Completion.ok("Delete completed.");
    }
}
