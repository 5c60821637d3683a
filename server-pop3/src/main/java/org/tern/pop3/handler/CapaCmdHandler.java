package org.tern.pop3.handler;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.tern.pop3.command.Arguments;
import org.tern.pop3.command.CapabilityContributor;
import org.tern.pop3.command.Pop3Command;
import org.tern.pop3.command.Pop3CommandHandler;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.pop3.session.Pop3Session;
import org.tern.pop3.session.Pop3State;

/** CAPA (RFC 2449 §5): collects the lines every handler and the server contribute for the current state. */
public final class CapaCmdHandler implements Pop3CommandHandler {

    private final Supplier<List<CapabilityContributor>> contributors;

    public CapaCmdHandler(Supplier<List<CapabilityContributor>> contributors) {
        this.contributors = contributors;
    }

    @Override
    public String verb() {
        return "CAPA";
    }

    @Override
    public Set<Pop3State> states() {
        return EnumSet.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION);
    }

    @Override
    public void handle(Pop3Session session, Pop3Command command) {
        Arguments.expectCount(command, 0, 0);
        List<String> lines = new ArrayList<>();
        for (CapabilityContributor c : contributors.get()) {
            lines.addAll(c.capabilities(session));
        }
        session.writer().multiline(Pop3Replies.capaFollows(), lines);
    }
}
