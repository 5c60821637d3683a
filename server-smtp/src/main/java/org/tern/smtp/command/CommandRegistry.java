package org.tern.smtp.command;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tern.smtp.protocol.Verb;

/** The command handlers by verb, and the EHLO keyword sources among them, in EHLO order. */
public final class CommandRegistry {

    private final Map<Verb, CommandHandler> handlers = new EnumMap<>(Verb.class);
    private final List<EhloKeywords> keywordSources = new ArrayList<>();
    private final AuthHandler auth = new AuthHandler();

    public CommandRegistry() {
        EhloHandler ehlo = new EhloHandler(() -> keywordSources);
        MailHandler mail = new MailHandler();
        BdatHandler bdat = new BdatHandler();
        StartTlsHandler startTls = new StartTlsHandler();
        List<CommandHandler> all = List.of(ehlo, new HeloHandler(), mail, new RcptHandler(), new DataHandler(), bdat,
                new RsetHandler(), new NoopHandler(), new QuitHandler(), new VrfyHandler(Verb.VRFY),
                new VrfyHandler(Verb.EXPN), new HelpHandler(), startTls, auth);
        for (CommandHandler h : all) {
            handlers.put(h.verb(), h);
        }
        keywordSources.add(ehlo);
        keywordSources.add(mail);
        keywordSources.add(EnhancedStatusCodes.INSTANCE);
        keywordSources.add(startTls);
        keywordSources.add(auth);
        keywordSources.add(bdat);
    }

    public Optional<CommandHandler> handler(Verb verb) {
        return Optional.ofNullable(handlers.get(verb));
    }

    public AuthHandler auth() {
        return auth;
    }
}
