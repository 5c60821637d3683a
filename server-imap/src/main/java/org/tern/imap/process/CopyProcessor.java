package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.CopyRequest;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ImapResponse.Condition;
import org.tern.store.CopyResult;
import org.tern.store.Mailbox;
import org.tern.store.UidSet;

/** COPY, MOVE (RFC 6851) and UID forms, with COPYUID (RFC 4315). */
public final class CopyProcessor implements CommandProcessor<CopyRequest> {

    @Override
    public List<String> verbs() {
        return List.of("COPY", "UID COPY", "MOVE", "UID MOVE");
    }

    @Override
    public Class<CopyRequest> requestType() {
        return CopyRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.SELECTED;
    }

    @Override
    public List<String> capabilities(ImapSession session) {
        return List.of("MOVE", "UIDPLUS");
    }

    @Override
    public Completion process(CopyRequest request, ImapSession session, Responder out) {
        if (request.move() && session.selected().readOnly()) {
            throw ImapException.no("READ-ONLY", "Mailbox is read-only.");
        }
        UidSet uids = SequenceResolver.resolve(session, request.set(), request.uid());
        Mailbox target = session.store().mailboxes().find(session.accountId(), request.mailbox())
                .filter(Mailbox::selectable)
                .orElseThrow(() -> ImapException.no("TRYCREATE", "Mailbox doesn't exist: " + request.mailbox()));
        long source = session.selected().mailboxId();
        if (uids.isEmpty()) {
            return Completion.ok(request.move() ? "Move completed." : "Copy completed.");
        }
        CopyResult result = request.move()
                ? session.store().messages().move(source, uids, target.id(), session.origin())
                : session.store().messages().copy(source, uids, target.id(), session.origin());
        if (target.id() == source) {
            session.selected().added(result.destUids());
        }
        String code = result.sourceUids().isEmpty() ? null
                : "COPYUID " + result.destUidValidity() + " " + UidSet.of(result.sourceUids()) + " "
                + UidSet.of(result.destUids());
        if (!request.move()) {
            return Completion.ok(code, "Copy completed.");
        }
        // RFC 6851 §4.3: COPYUID in an untagged OK before the EXPUNGEs
        if (code != null) {
            out.send(ImapResponse.Status.untagged(Condition.OK, code, "Moved UIDs."));
        }
        session.selected().expunged(result.sourceUids());
        return Completion.ok("Move completed.");
    }
}
