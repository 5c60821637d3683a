package org.tern.imap.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tern.imap.decode.StatusRequest;
import org.tern.imap.encode.ImapResponse;
import org.tern.store.Mailbox;
import org.tern.store.MailboxStatus;

/** STATUS (RFC 3501 §6.3.10) with SIZE (RFC 8438). */
public final class StatusProcessor implements CommandProcessor<StatusRequest> {

    @Override
    public List<String> verbs() {
        return List.of("STATUS");
    }

    @Override
    public Class<StatusRequest> requestType() {
        return StatusRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.AUTHENTICATED;
    }

    @Override
    public List<String> capabilities(ImapSession session) {
        return List.of("STATUS=SIZE");
    }

    @Override
    public Completion process(StatusRequest request, ImapSession session, Responder out) {
        Mailbox mailbox = session.store().mailboxes().find(session.accountId(), request.mailbox())
                .filter(Mailbox::selectable)
                .orElseThrow(() -> ImapException.no("NONEXISTENT", "Mailbox doesn't exist: " + request.mailbox()));
        MailboxStatus status = session.store().mailboxes().status(mailbox.id());
        Map<String, Long> items = new LinkedHashMap<>();
        for (String item : request.items()) {
            switch (item) {
                case "MESSAGES" -> items.put(item, status.messages());
                case "RECENT" -> items.put(item, status.recent());
                case "UIDNEXT" -> items.put(item, status.uidNext());
                case "UIDVALIDITY" -> items.put(item, status.uidValidity());
                case "UNSEEN" -> items.put(item, status.unseen());
                case "SIZE" -> items.put(item, status.sizeBytes());
                case "HIGHESTMODSEQ" -> items.put(item, status.highestModSeq());
                default -> throw ImapException.bad("Unknown STATUS item " + item);
            }
        }
        out.send(new ImapResponse.StatusData(mailbox.name(), items));
        return Completion.ok("Status completed.");
    }
}
