package org.tern.imap.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tern.imap.decode.FetchAttribute;
import org.tern.imap.decode.FetchAttribute.BodySection;
import org.tern.imap.decode.FetchAttribute.Kind;
import org.tern.imap.decode.FetchRequest;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ImapResponse.FetchItem;
import org.tern.imap.session.SelectedMailbox;
import org.tern.store.FlagOperation;
import org.tern.store.Flags;
import org.tern.store.MessageMeta;
import org.tern.store.StoreResult;
import org.tern.store.UidSet;
import org.tern.store.mime.BodyPart;
import org.tern.store.mime.MessageFacts;

/**
 * FETCH and UID FETCH (RFC 3501 §6.4.5): one {@code list()} call for the metadata of the whole set, parsed
 * facts in chunks only when an item needs them, and body sections streamed from the blob.
 */
public final class FetchProcessor implements CommandProcessor<FetchRequest> {

    private static final int FACTS_CHUNK = 256;

    @Override
    public List<String> verbs() {
        return List.of("FETCH", "UID FETCH");
    }

    @Override
    public Class<FetchRequest> requestType() {
        return FetchRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.SELECTED;
    }

    @Override
    public Completion process(FetchRequest request, ImapSession session, Responder out) {
        SelectedMailbox selected = session.selected();
        UidSet uids = SequenceResolver.resolve(session, request.set(), request.uid());
        if (uids.isEmpty()) {
            return Completion.ok("Fetch completed.");
        }
        List<FetchAttribute> attrs = new ArrayList<>(request.attributes());
        if (request.uid() && !attrs.contains(new FetchAttribute.Simple(Kind.UID))) {
            attrs.add(0, new FetchAttribute.Simple(Kind.UID));
        }
        List<MessageMeta> metas = new ArrayList<>();
        for (MessageMeta m : session.store().messages().list(selected.mailboxId(), uids)) {
            // messages not (yet) in this session's view are not reported
            if (selected.map().seqOf(m.uid()) > 0) {
                metas.add(m);
            }
        }
        Set<Long> flagsChanged = new HashSet<>();
        if (setsSeen(attrs) && !selected.readOnly()) {
            markSeen(session, metas, flagsChanged);
        }
        boolean needsFacts = attrs.stream().anyMatch(FetchProcessor::needsFacts);
        boolean wantsFlags = attrs.contains(new FetchAttribute.Simple(Kind.FLAGS));
        for (int i = 0; i < metas.size(); i += FACTS_CHUNK) {
            List<MessageMeta> chunk = metas.subList(i, Math.min(metas.size(), i + FACTS_CHUNK));
            Map<Long, MessageFacts> facts = needsFacts ? loadFacts(session, chunk) : Map.of();
            for (MessageMeta m : chunk) {
                List<FetchItem> items = new ArrayList<>(attrs.size() + 1);
                for (FetchAttribute a : attrs) {
                    items.add(item(a, m, facts.get(m.uid()), session));
                }
                if (!wantsFlags && flagsChanged.contains(m.uid())) {
                    items.add(new ImapResponse.FlagsItem(selected.flagNames(m)));
                }
                out.send(new ImapResponse.Fetch(selected.map().seqOf(m.uid()), items));
            }
        }
        return Completion.ok("Fetch completed.");
    }

    private static Map<Long, MessageFacts> loadFacts(ImapSession session, List<MessageMeta> chunk) {
        List<Long> ids = new ArrayList<>(chunk.size());
        for (MessageMeta m : chunk) {
            ids.add(m.uid());
        }
        return session.store().messages().facts(session.selected().mailboxId(), UidSet.of(ids));
    }

    /** RFC 3501 §6.4.5: BODY[...] without PEEK, RFC822 and RFC822.TEXT set \Seen. */
    private static void markSeen(ImapSession session, List<MessageMeta> metas, Set<Long> flagsChanged) {
        List<Long> unseen = new ArrayList<>();
        for (MessageMeta m : metas) {
            if (!m.flags().contains(Flags.SystemFlag.SEEN)) {
                unseen.add(m.uid());
            }
        }
        if (unseen.isEmpty()) {
            return;
        }
        StoreResult result = session.store().messages().storeFlags(session.selected().mailboxId(), UidSet.of(unseen),
                FlagOperation.ADD, Flags.of(Flags.SystemFlag.SEEN), 0, session.origin());
        Map<Long, MessageMeta> updated = new HashMap<>();
        for (MessageMeta m : result.messages()) {
            updated.put(m.uid(), m);
        }
        for (int i = 0; i < metas.size(); i++) {
            MessageMeta u = updated.get(metas.get(i).uid());
            if (u != null) {
                metas.set(i, u);
                flagsChanged.add(u.uid());
            }
        }
    }

    private static boolean setsSeen(List<FetchAttribute> attrs) {
        for (FetchAttribute a : attrs) {
            if (a instanceof BodySection s && !s.peek()) {
                return true;
            }
            if (a instanceof FetchAttribute.Simple s && (s.kind() == Kind.RFC822 || s.kind() == Kind.RFC822_TEXT)) {
                return true;
            }
        }
        return false;
    }

    private static boolean needsFacts(FetchAttribute a) {
        if (a instanceof BodySection s) {
            return !(s.part().isEmpty() && s.specifier().isEmpty());
        }
        Kind k = ((FetchAttribute.Simple) a).kind();
        return k == Kind.ENVELOPE || k == Kind.BODY || k == Kind.BODYSTRUCTURE || k == Kind.RFC822_HEADER
                || k == Kind.RFC822_TEXT;
    }

    private static FetchItem item(FetchAttribute a, MessageMeta m, MessageFacts facts, ImapSession session) {
        if (a instanceof BodySection s) {
            return new ImapResponse.SectionItem("BODY[" + s.sectionText() + "]", s.origin(),
                    SectionResolver.resolve(s, m, facts, session.store().blobs()));
        }
        Kind kind = ((FetchAttribute.Simple) a).kind();
        return switch (kind) {
            case FLAGS -> new ImapResponse.FlagsItem(session.selected().flagNames(m));
            case UID -> new ImapResponse.UidItem(m.uid());
            case INTERNALDATE -> new ImapResponse.InternalDateItem(m.internalDate());
            case RFC822_SIZE -> new ImapResponse.SizeItem(m.size());
            case ENVELOPE -> new ImapResponse.EnvelopeItem(facts == null ? null : facts.envelope());
            case BODY -> new ImapResponse.BodyStructureItem(body(facts, m), false);
            case BODYSTRUCTURE -> new ImapResponse.BodyStructureItem(body(facts, m), true);
            case RFC822 -> new ImapResponse.SectionItem("RFC822", -1, SectionResolver.top("", m, facts));
            case RFC822_HEADER -> new ImapResponse.SectionItem("RFC822.HEADER", -1,
                    SectionResolver.top("HEADER", m, facts));
            case RFC822_TEXT -> new ImapResponse.SectionItem("RFC822.TEXT", -1, SectionResolver.top("TEXT", m, facts));
        };
    }

    /** The body structure, or a plain text stand-in if the facts are missing. */
    private static BodyPart body(MessageFacts facts, MessageMeta m) {
        if (facts != null && facts.body() != null) {
            return facts.body();
        }
        return new BodyPart("TEXT", "PLAIN", List.of(new BodyPart.Param("CHARSET", "US-ASCII")), null, null, "7BIT",
                m.size(), 0, null, null, List.of(), List.of(), null, List.of(), null, null, 0, 0, m.size());
    }
}
