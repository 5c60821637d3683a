package org.tern.imap.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.tern.imap.decode.ListRequest;
import org.tern.imap.encode.ImapResponse;
import org.tern.store.Mailbox;
import org.tern.store.SpecialUse;

/** LIST and LSUB with CHILDREN (RFC 3348) and SPECIAL-USE (RFC 6154) attributes. */
public final class ListProcessor implements CommandProcessor<ListRequest> {

    @Override
    public List<String> verbs() {
        return List.of("LIST", "LSUB");
    }

    @Override
    public Class<ListRequest> requestType() {
        return ListRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.AUTHENTICATED;
    }

    @Override
    public List<String> capabilities(ImapSession session) {
        return List.of("CHILDREN", "SPECIAL-USE");
    }

    @Override
    public Completion process(ListRequest request, ImapSession session, Responder out) {
        if (!request.lsub() && request.pattern().isEmpty()) {
            // RFC 3501 §6.3.8: the hierarchy delimiter and root
            out.send(new ImapResponse.ListEntry(false, List.of("\\Noselect"), ""));
            return Completion.ok("List completed.");
        }
        MailboxPattern pattern = new MailboxPattern(request.reference(), request.pattern());
        List<Mailbox> mailboxes = session.store().mailboxes().list(session.accountId());
        TreeSet<String> names = new TreeSet<>();
        for (Mailbox m : mailboxes) {
            names.add(m.name());
        }
        if (request.lsub()) {
            for (String name : session.store().mailboxes().subscriptions(session.accountId())) {
                if (pattern.matches(name)) {
                    out.send(new ImapResponse.ListEntry(true, names.contains(name) ? List.of() : List.of("\\Noselect"),
                            name));
                }
            }
            return Completion.ok("Lsub completed.");
        }
        for (Mailbox m : mailboxes) {
            if (pattern.matches(m.name())) {
                out.send(new ImapResponse.ListEntry(false, attributes(m, names), m.name()));
            }
        }
        return Completion.ok("List completed.");
    }

    private static List<String> attributes(Mailbox m, TreeSet<String> names) {
        List<String> attrs = new ArrayList<>();
        if (!m.selectable()) {
            attrs.add("\\Noselect");
        }
        String higher = names.higher(m.name() + "/");
        boolean children = names.contains(m.name() + "/")
                || (higher != null && higher.startsWith(m.name() + "/"));
        attrs.add(children ? "\\HasChildren" : "\\HasNoChildren");
        for (SpecialUse use : m.specialUse()) {
            attrs.add(use.attribute());
        }
        return attrs;
    }
}
