package org.tern.imap.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tern.imap.decode.SearchKey;
import org.tern.imap.decode.SearchRequest;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.session.SelectedMailbox;
import org.tern.store.MessageMeta;
import org.tern.store.UidSet;

/** SEARCH and UID SEARCH (RFC 3501 §6.4.4): metadata in one call, headers/bodies read only for keys that need them. */
public final class SearchProcessor implements CommandProcessor<SearchRequest> {

    private static final int CHUNK = 256;

    @Override
    public List<String> verbs() {
        return List.of("SEARCH", "UID SEARCH");
    }

    @Override
    public Class<SearchRequest> requestType() {
        return SearchRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.SELECTED;
    }

    @Override
    public Completion process(SearchRequest request, ImapSession session, Responder out) {
        if (request.charset() != null && !request.charset().equals("UTF-8") && !request.charset().equals("US-ASCII")) {
            throw ImapException.no("BADCHARSET (UTF-8 US-ASCII)", "Unsupported charset");
        }
        SelectedMailbox selected = session.selected();
        List<Long> result = new ArrayList<>();
        if (selected.map().size() > 0) {
            List<SearchEvaluator.Candidate> candidates = new ArrayList<>();
            for (MessageMeta m : session.store().messages().list(selected.mailboxId(), UidSet.ALL)) {
                int seq = selected.map().seqOf(m.uid());
                if (seq > 0) {
                    candidates.add(new SearchEvaluator.Candidate(seq, m));
                }
            }
            SearchEvaluator evaluator = new SearchEvaluator(selected, session.store().blobs());
            boolean needsFacts = SearchEvaluator.needsFacts(request.key());
            if (needsFacts) {
                narrowByCheapKeys(request.key(), candidates, evaluator);
            }
            for (int i = 0; i < candidates.size(); i += CHUNK) {
                List<SearchEvaluator.Candidate> chunk = candidates.subList(i, Math.min(candidates.size(), i + CHUNK));
                if (needsFacts) {
                    List<Long> uids = new ArrayList<>();
                    for (SearchEvaluator.Candidate c : chunk) {
                        uids.add(c.meta.uid());
                    }
                    SearchEvaluator.attachFacts(chunk,
                            session.store().messages().facts(selected.mailboxId(), UidSet.of(uids)));
                }
                for (SearchEvaluator.Candidate c : chunk) {
                    if (evaluator.matches(request.key(), c)) {
                        result.add(request.uid() ? c.meta.uid() : c.seq);
                    }
                }
            }
        }
        out.send(new ImapResponse.Search(result));
        return Completion.ok("Search completed.");
    }

    /**
     * Applies the conditions of a top-level AND that need no message content (UID and sequence sets, flags,
     * sizes, internal dates) first, so headers and bodies are read only for the messages that pass them:
     * {@code UID 99001:* SUBJECT x} reads 1,000 messages, not the whole mailbox.
     */
    private static void narrowByCheapKeys(SearchKey key, List<SearchEvaluator.Candidate> candidates,
                                          SearchEvaluator evaluator) {
        if (!(key instanceof SearchKey.And and)) {
            return;
        }
        List<SearchKey> cheap = and.keys().stream().filter(k -> !SearchEvaluator.needsFacts(k)).toList();
        if (cheap.isEmpty()) {
            return;
        }
        SearchKey cheapKey = new SearchKey.And(cheap);
        candidates.removeIf(c -> !evaluator.matches(cheapKey, c));
    }
}
