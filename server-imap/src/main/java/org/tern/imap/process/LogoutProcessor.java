package org.tern.imap.process;

import java.util.List;
import java.util.Set;

import org.tern.imap.decode.SimpleRequest;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ImapResponse.Condition;

/** LOGOUT: BYE, tagged OK, close. */
public final class LogoutProcessor implements CommandProcessor<SimpleRequest> {

    @Override
    public List<String> verbs() {
        return List.of("LOGOUT");
    }

    @Override
    public Class<SimpleRequest> requestType() {
        return SimpleRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.ANY;
    }

    @Override
    public Completion process(SimpleRequest request, ImapSession session, Responder out) {
        out.send(ImapResponse.Status.untagged(Condition.BYE, null, "Logging out"));
        out.send(new ImapResponse.Status(request.tag(), Condition.OK, null, "Logout completed."));
        session.close();
        out.flush();
        session.connection().close();
        return Completion.deferred();
    }
}
