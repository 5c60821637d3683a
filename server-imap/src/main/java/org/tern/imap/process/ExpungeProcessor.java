package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.ImapRequest;
import org.tern.imap.decode.UidExpungeRequest;
import org.tern.store.ExpungeMode;
import org.tern.store.UidSet;

/** EXPUNGE (RFC 3501 §6.4.3) and UID EXPUNGE (RFC 4315); the EXPUNGE responses come from the pending updates. */
public final class ExpungeProcessor implements CommandProcessor<ImapRequest> {

    @Override
    public List<String> verbs() {
        return List.of("EXPUNGE", "UID EXPUNGE");
    }

    @Override
    public Class<ImapRequest> requestType() {
        return ImapRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.SELECTED;
    }

    @Override
    public List<String> capabilities(ImapSession session) {
        return List.of("UIDPLUS");
    }

    @Override
    public Completion process(ImapRequest request, ImapSession session, Responder out) {
        if (session.selected().readOnly()) {
            throw ImapException.no("READ-ONLY", "Mailbox is read-only.");
        }
        UidSet set = request instanceof UidExpungeRequest u
                ? session.selected().map().resolveUids(u.set()) : UidSet.ALL;
        if (set.isEmpty()) {
            return Completion.ok("Expunge completed.");
        }
        List<Long> gone = session.store().messages().expunge(session.selected().mailboxId(), set,
                ExpungeMode.DELETED_ONLY, session.origin());
        session.selected().expunged(gone);
        return Completion.ok("Expunge completed.");
    }
}
