package org.tern.imap.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.tern.imap.decode.ImapRequest;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ImapResponse.Condition;

/**
 * Routes a request to its processor, refusing commands in the wrong state in one place, mapping errors,
 * and sending pending untagged updates before the tagged reply where RFC 3501 §7.4.1 allows.
 */
public final class CommandDispatcher {

    /** RFC 3501 §7.4.1: no EXPUNGE while answering these (their UID forms may). */
    private static final Set<String> NO_EXPUNGE = Set.of("FETCH", "STORE", "SEARCH");

    private final Map<String, CommandProcessor<?>> byVerb = new HashMap<>();
    private final List<CommandProcessor<?>> processors;
    private final ImapMetrics metrics;

    public CommandDispatcher(List<CommandProcessor<?>> processors, MeterRegistry registry) {
        this.processors = List.copyOf(processors);
        for (CommandProcessor<?> p : processors) {
            for (String verb : p.verbs()) {
                byVerb.put(verb, p);
            }
        }
        this.metrics = new ImapMetrics(registry, new ArrayList<>(byVerb.keySet()));
    }

    /** Every CAPABILITY word for this session, from the processors that implement them. */
    public List<String> capabilities(ImapSession session) {
        Set<String> caps = new LinkedHashSet<>();
        caps.add("IMAP4rev1");
        for (CommandProcessor<?> p : processors) {
            caps.addAll(p.capabilities(session));
        }
        return new ArrayList<>(caps);
    }

    public void dispatch(ImapRequest request, ImapSession session, Responder out) {
        metrics.count(request.verb());
        CommandProcessor<?> processor = byVerb.get(request.verb());
        Completion completion;
        if (processor == null) {
            completion = new Completion(Condition.BAD, null, "Unknown command", false);
        } else if (!processor.validStates().contains(session.state())) {
            completion = new Completion(Condition.BAD, null, stateMessage(session.state()), false);
        } else {
            try {
                completion = run(processor, request, session, out);
            } catch (RuntimeException e) {
                completion = ImapErrorMapper.map(e, session);
            }
        }
        if (completion.isDeferred()) {
            return;
        }
        if (session.state() == ImapState.SELECTED && sendUpdates(session, out,
                !NO_EXPUNGE.contains(request.verb()))) {
            return;
        }
        out.send(new ImapResponse.Status(request.tag(), completion.condition(), completion.code(),
                completion.text()));
    }

    /** Sends pending updates; returns true if the session had to end (its mailbox was deleted). */
    public static boolean sendUpdates(ImapSession session, Responder out, boolean allowExpunge) {
        if (session.selected() == null) {
            return false;
        }
        if (session.selected().deleted()) {
            // What Dovecot does: the selected mailbox is gone, so the session cannot go on.
            out.send(ImapResponse.Status.untagged(Condition.BYE, null,
                    "Selected mailbox was deleted, have to disconnect."));
            session.close();
            out.flush();
            session.connection().close();
            return true;
        }
        for (ImapResponse r : session.drainUpdates(allowExpunge)) {
            out.send(r);
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static <R extends ImapRequest> Completion run(CommandProcessor<R> p, ImapRequest request,
                                                          ImapSession session, Responder out) {
        if (!p.requestType().isInstance(request)) {
            return new Completion(Condition.BAD, null, "Unknown command", false);
        }
        return p.process((R) request, session, out);
    }

    private static String stateMessage(ImapState state) {
        return switch (state) {
            case NOT_AUTHENTICATED -> "Command not valid in this state: log in first";
            case AUTHENTICATED -> "Command not valid in this state: no mailbox selected";
            case SELECTED -> "Command not valid in this state";
            case LOGOUT -> "Logging out";
        };
    }
}
