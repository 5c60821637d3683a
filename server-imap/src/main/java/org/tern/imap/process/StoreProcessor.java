package org.tern.imap.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tern.imap.decode.StoreRequest;
import org.tern.imap.encode.ImapResponse;
import org.tern.store.Flags;
import org.tern.store.MessageMeta;
import org.tern.store.StoreResult;
import org.tern.store.UidSet;

/** STORE and UID STORE (RFC 3501 §6.4.6): one store call; FETCH FLAGS for each message unless .SILENT. */
public final class StoreProcessor implements CommandProcessor<StoreRequest> {

    @Override
    public List<String> verbs() {
        return List.of("STORE", "UID STORE");
    }

    @Override
    public Class<StoreRequest> requestType() {
        return StoreRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.SELECTED;
    }

    @Override
    public Completion process(StoreRequest request, ImapSession session, Responder out) {
        if (session.selected().readOnly()) {
            throw ImapException.no("READ-ONLY", "Mailbox is read-only.");
        }
        UidSet uids = SequenceResolver.resolve(session, request.set(), request.uid());
        if (uids.isEmpty()) {
            return Completion.ok("Store completed.");
        }
        List<String> names = new ArrayList<>();
        for (String f : request.flags()) {
            if (!f.equalsIgnoreCase("\\Recent")) {
                if (f.startsWith("\\") && Flags.SystemFlag.fromImapName(f) == null) {
                    throw ImapException.bad("Invalid system flag " + f);
                }
                names.add(f);
            }
        }
        StoreResult result = session.store().messages().storeFlags(session.selected().mailboxId(), uids,
                request.operation(), Flags.parse(names), 0, session.origin());
        if (!request.silent()) {
            for (MessageMeta m : result.messages()) {
                int seq = session.selected().map().seqOf(m.uid());
                if (seq == 0) {
                    continue;
                }
                List<ImapResponse.FetchItem> items = new ArrayList<>();
                items.add(new ImapResponse.FlagsItem(session.selected().flagNames(m)));
                if (request.uid()) {
                    items.add(new ImapResponse.UidItem(m.uid()));
                }
                out.send(new ImapResponse.Fetch(seq, items));
            }
        }
        return Completion.ok("Store completed.");
    }
}
