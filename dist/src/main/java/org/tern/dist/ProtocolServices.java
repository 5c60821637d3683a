package org.tern.dist;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.tern.core.auth.Authenticator;
import org.tern.core.config.TernConfig;
import org.tern.core.net.ListenerSpecs;
import org.tern.core.net.ProtocolHandlerFactory;
import org.tern.imap.ImapService;
import org.tern.pop3.Pop3Service;
import org.tern.smtp.SmtpService;
import org.tern.store.MailStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The three protocol modules' services and which listener names each one serves. */
final class ProtocolServices implements AutoCloseable {

    /** Every protocol listener name, in start-up order (http is not one of them). */
    static final List<String> LISTENERS = ListenerSpecs.NAMES;

    private static final Logger log = LoggerFactory.getLogger(ProtocolServices.class);

    private final SmtpService smtp;
    private final ImapService imap;
    private final Pop3Service pop3;

    ProtocolServices(TernConfig config, MailStore store, Authenticator authenticator, MeterRegistry registry) {
        this.smtp = new SmtpService(config, store, authenticator, registry);
        this.imap = new ImapService(config, store, authenticator, registry);
        this.pop3 = new Pop3Service(config, store, authenticator, registry);
    }

    /** The handler factory for one listener name. */
    ProtocolHandlerFactory forListener(String name) {
        return switch (name) {
            case "smtp", "submission", "smtps" -> smtp.forListener(name);
            case "imap", "imaps" -> imap.forListener(name);
            case "pop3", "pop3s" -> pop3.forListener(name);
            default -> throw new IllegalArgumentException("no protocol serves listener '" + name + "'");
        };
    }

    /** Stops whatever background work a service runs (e.g. the outbound queue worker), if it has any. */
    @Override
    public void close() {
        for (Object service : List.of(smtp, imap, pop3)) {
            if (service instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("stopping {} failed: {}", service.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}
