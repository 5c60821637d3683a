package org.tern.pop3.command;

import java.util.List;

import org.tern.pop3.session.Pop3Session;

/** Something that implements a POP3 capability and so names it in CAPA (RFC 2449). */
public interface CapabilityContributor {

    /** CAPA lines for this session's current state (none by default). */
    default List<String> capabilities(Pop3Session session) {
        return List.of();
    }
}
