package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.SimpleRequest;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ImapResponse.Condition;

/**
 * IDLE (RFC 2177): changes are written as soon as their store event reaches the session; DONE ends it.
 * Holds no thread while idling: the session only reacts to events and lines.
 */
public final class IdleProcessor implements CommandProcessor<SimpleRequest> {

    @Override
    public List<String> verbs() {
        return List.of("IDLE");
    }

    @Override
    public Class<SimpleRequest> requestType() {
        return SimpleRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.AUTHENTICATED;
    }

    @Override
    public List<String> capabilities(ImapSession session) {
        return List.of("IDLE");
    }

    @Override
    public Completion process(SimpleRequest request, ImapSession session, Responder out) {
        String tag = request.tag();
        out.send(new ImapResponse.Continuation("idling"));
        Runnable push = () -> {
            if (CommandDispatcher.sendUpdates(session, out, true)) {
                return;
            }
            out.flush();
        };
        session.setIdleUpdateHook(push);
        session.setInterceptor((line, s, o) -> {
            s.setInterceptor(null);
            s.setIdleUpdateHook(null);
            if (CommandDispatcher.sendUpdates(s, o, true)) {
                return;
            }
            if (line.equalsIgnoreCase("DONE")) {
                o.send(new ImapResponse.Status(tag, Condition.OK, null, "Idle completed."));
            } else {
                o.send(new ImapResponse.Status(tag, Condition.BAD, null, "Expected DONE."));
            }
        });
        push.run();
        return Completion.deferred();
    }
}
