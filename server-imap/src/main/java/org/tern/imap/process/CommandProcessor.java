package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.ImapRequest;

/** Runs one IMAP command against the store and produces responses; never writes bytes. */
public interface CommandProcessor<R extends ImapRequest> {

    /** Command names handled (as in {@link ImapRequest#verb()}). */
    List<String> verbs();

    Class<R> requestType();

    /** States in which the command is valid; the dispatcher refuses it elsewhere. */
    Set<ImapState> validStates();

    /** CAPABILITY words this processor implements, given the session (e.g. STARTTLS only before TLS). */
    default List<String> capabilities(ImapSession session) {
        return List.of();
    }

    Completion process(R request, ImapSession session, Responder out);
}
