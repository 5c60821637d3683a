package org.tern.pop3.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tern.pop3.command.CapabilityContributor;
import org.tern.pop3.command.Pop3CommandHandler;

/** The command handlers by verb, and everything that contributes CAPA lines, in CAPA order. */
public final class Pop3CommandSet {

    private final Map<String, Pop3CommandHandler> handlers = new LinkedHashMap<>();
    private final List<CapabilityContributor> contributors = new ArrayList<>();

    public Pop3CommandSet add(Pop3CommandHandler handler) {
        handlers.put(handler.verb(), handler);
        contributors.add(handler);
        return this;
    }

    public Pop3CommandSet addCapabilities(CapabilityContributor contributor) {
        contributors.add(contributor);
        return this;
    }

    public Optional<Pop3CommandHandler> handler(String verb) {
        return Optional.ofNullable(handlers.get(verb));
    }

    public List<CapabilityContributor> contributors() {
        return Collections.unmodifiableList(contributors);
    }
}
