package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.MailboxRequest;

/** CREATE (RFC 3501 §6.3.3); parents are created as needed by the store. */
public final class CreateProcessor implements CommandProcessor<MailboxRequest> {

    @Override
    public List<String> verbs() {
        return List.of("CREATE");
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
        if (request.mailbox().isEmpty()) {
            throw ImapException.no("CANNOT", "Invalid mailbox name");
        }
        if (request.mailbox().equals("INBOX")) {
            throw ImapException.no("ALREADYEXISTS", "Mailbox already exists");
        }
        session.store().mailboxes().create(session.accountId(), request.mailbox(), Set.of());
        return Completion.ok("Create completed.");
    }
}
