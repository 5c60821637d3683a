package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.MailboxRequest;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ImapResponse.Condition;
import org.tern.imap.session.SelectedMailbox;
import org.tern.store.Mailbox;
import org.tern.store.MailboxStatus;

/** SELECT and EXAMINE (RFC 3501 §6.3.1-2): one uids() call plus the status row. */
public final class SelectProcessor implements CommandProcessor<MailboxRequest> {

    static final List<String> FLAGS = List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft");

    @Override
    public List<String> verbs() {
        return List.of("SELECT", "EXAMINE");
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
        // RFC 3501 §6.3.1: a failed SELECT also leaves the previous mailbox unselected
        session.deselect();
        boolean readOnly = request.verb().equals("EXAMINE");
        Mailbox mailbox = session.store().mailboxes().find(session.accountId(), request.mailbox())
                .filter(Mailbox::selectable)
                .orElseThrow(() -> ImapException.no("NONEXISTENT", "Mailbox doesn't exist: " + request.mailbox()));
        session.watch(mailbox.id());
        long[] uids = session.store().messages().uids(mailbox.id());
        MailboxStatus status = session.store().mailboxes().status(mailbox.id());
        SelectedMailbox selected = new SelectedMailbox(mailbox.id(), mailbox.name(), readOnly,
                status.uidValidity(), uids);
        long recent = status.recent();
        if (!readOnly && status.recent() > 0) {
            selected.addRecent(session.store().messages().claimRecent(mailbox.id()));
            recent = selected.recentCount();
        }
        out.send(new ImapResponse.FlagsList(FLAGS));
        out.send(new ImapResponse.Exists(uids.length));
        out.send(new ImapResponse.Recent(recent));
        if (status.firstUnseenUid() > 0) {
            int seq = selected.map().seqOf(status.firstUnseenUid());
            if (seq > 0) {
                out.send(ImapResponse.Status.untagged(Condition.OK, "UNSEEN " + seq, "First unseen."));
            }
        }
        out.send(ImapResponse.Status.untagged(Condition.OK,
                readOnly ? "PERMANENTFLAGS ()" : "PERMANENTFLAGS (" + String.join(" ", FLAGS) + " \\*)",
                readOnly ? "Read-only mailbox." : "Flags permitted."));
        out.send(ImapResponse.Status.untagged(Condition.OK, "UIDVALIDITY " + status.uidValidity(), "UIDs valid"));
        out.send(ImapResponse.Status.untagged(Condition.OK, "UIDNEXT " + status.uidNext(), "Predicted next UID"));
        session.select(selected);
        return Completion.ok(readOnly ? "READ-ONLY" : "READ-WRITE",
                (readOnly ? "Examine" : "Select") + " completed.");
    }
}
