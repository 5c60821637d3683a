package org.tern.imap.process;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.tern.imap.decode.AppendRequest;
import org.tern.store.AppendResult;
import org.tern.store.Flags;
import org.tern.store.Mailbox;

/** APPEND (RFC 3501 §6.3.11) with APPENDUID (RFC 4315); the body was streamed to a temporary blob. */
public final class AppendProcessor implements CommandProcessor<AppendRequest> {

    @Override
    public List<String> verbs() {
        return List.of("APPEND");
    }

    @Override
    public Class<AppendRequest> requestType() {
        return AppendRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.AUTHENTICATED;
    }

    @Override
    public List<String> capabilities(ImapSession session) {
        return List.of("UIDPLUS");
    }

    @Override
    public Completion process(AppendRequest request, ImapSession session, Responder out) {
        try {
            Mailbox mailbox = session.store().mailboxes().find(session.accountId(), request.mailbox())
                    .filter(Mailbox::selectable)
                    .orElseThrow(() -> ImapException.no("TRYCREATE", "Mailbox doesn't exist: " + request.mailbox()));
            if (request.message().size() == 0) {
                throw ImapException.no(null, "Can't save an empty message.");
            }
            Flags flags = Flags.parse(request.flags());
            Instant date = request.date() == null ? Instant.now() : request.date();
            AppendResult result = session.store().messages().append(mailbox.id(), request.message(), flags, date,
                    session.origin());
            if (session.selected() != null && session.selected().mailboxId() == mailbox.id()) {
                session.selected().added(List.of(result.uid()));
            }
            return Completion.ok("APPENDUID " + result.uidValidity() + " " + result.uid(), "Append completed.");
        } finally {
            request.message().discard();
        }
    }
}
