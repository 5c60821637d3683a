package org.tern.pop3.handler;

import java.util.ArrayList;
import java.util.List;

import org.tern.pop3.command.CapabilityContributor;
import org.tern.pop3.session.Pop3Session;

/**
 * Capabilities that belong to the server as a whole rather than to one command: response codes (RFC 2449
 * §6.4, RFC 3206), pipelining (the core flushes one write per batch of input), the implementation name, and
 * EXPIRE when {@code pop3.leave-days} is set (enforced by the maildrop loader at login).
 */
public final class ServerCapabilities implements CapabilityContributor {

    private final int leaveDays;

    public ServerCapabilities(int leaveDays) {
        this.leaveDays = leaveDays;
    }

    @Override
    public List<String> capabilities(Pop3Session session) {
        List<String> caps = new ArrayList<>(List.of("RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"));
        if (leaveDays > 0) {
            caps.add("EXPIRE " + leaveDays);
        }
        caps.add("IMPLEMENTATION Tern");
        return caps;
    }
}
