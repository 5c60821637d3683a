package org.tern.imap.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.imap.decode.IdRequest;
import org.tern.imap.encode.ImapResponse;

/** ID (RFC 2971): logs the client's name, answers with the server's. */
public final class IdProcessor implements CommandProcessor<IdRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(IdProcessor.class);

    @Override
    public List<String> verbs() {
        return List.of("ID");
    }

    @Override
    public Class<IdRequest> requestType() {
        return IdRequest.class;
    }

    @Override
    public Set<ImapState> validStates() {
        return States.ANY;
    }

    @Override
    public List<String> capabilities(ImapSession session) {
        return List.of("ID");
    }

    @Override
    public Completion process(IdRequest request, ImapSession session, Responder out) {
        if (!request.parameters().isEmpty()) {
            LOG.debug("client id session={} {}", session.connection().id(), request.parameters());
        }
        Map<String, String> id = new LinkedHashMap<>();
        id.put("name", "Tern");
        id.put("vendor", "Tern");
        out.send(new ImapResponse.Id(id));
        return Completion.ok("ID completed.");
    }
}
