package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.RenameRequest;

/** RENAME (RFC 3501 §6.3.5); renaming INBOX moves its messages (store behaviour). */
public final class RenameProcessor implements CommandProcessor<RenameRequest> {

    @Override
    public List<String> verbs() {
        return List.of("RENAME");
    }

    @Override
    public Class<RenameRequest> requestType() {
        return RenameRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion process(RenameRequest request, ImapSession session, Responder out) {
        if (request.to().equals("INBOX")) {
            throw ImapException.no("ALREADYEXISTS", "Mailbox already exists");
        }
        if (request.to().isEmpty()) {
            throw ImapException.no("CANNOT", "Invalid mailbox name");
        }
        session.store().mailboxes().rename(session.accountId(), request.from(), request.to());
        return Completion.ok("Rename completed.");
    }
}
