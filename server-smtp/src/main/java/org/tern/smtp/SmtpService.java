package org.tern.smtp;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.tern.core.auth.Authenticator;
import org.tern.core.config.TernConfig;
import org.tern.core.net.Connection;
import org.tern.core.net.Framing;
import org.tern.core.net.ProtocolHandler;
import org.tern.core.net.ProtocolHandlerFactory;
import org.tern.smtp.command.CommandRegistry;
import org.tern.smtp.message.MessageDeliverer;
import org.tern.smtp.protocol.SmtpFraming;
import org.tern.smtp.session.SmtpConnectionHandler;
import org.tern.smtp.session.SmtpMetrics;
import org.tern.smtp.session.SmtpPolicy;
import org.tern.smtp.session.SmtpServices;
import org.tern.smtp.session.SmtpSettings;
import org.tern.store.MailStore;

/** Entry point of the SMTP module for the composition root: one handler factory per SMTP listener. */
public final class SmtpService {

    private final TernConfig config;
    private final MailStore store;
    private final Authenticator authenticator;
    private final MeterRegistry registry;
    private final CommandRegistry commands = new CommandRegistry();
    private final SmtpPolicy policy = SmtpPolicy.standard();

    public SmtpService(TernConfig config, MailStore store, Authenticator authenticator, MeterRegistry registry) {
        this.config = config;
        this.store = store;
        this.authenticator = authenticator;
        this.registry = registry;
    }

    /** The handler factory for a listener name from the config: smtp (MX), submission or smtps. */
    public ProtocolHandlerFactory forListener(String listenerName) {
        SmtpSettings settings = SmtpSettings.from(config, listenerName);
        SmtpServices services = new SmtpServices(store, authenticator, policy, new SmtpMetrics(registry, listenerName),
                new MessageDeliverer(store), Clock.systemDefaultZone());
        return new ProtocolHandlerFactory() {
            @Override
            public String protocol() {
                return "smtp";
            }

            @Override
            public ProtocolHandler create(Connection connection) {
                return new SmtpConnectionHandler(connection, settings, services, commands);
            }

            @Override
            public Framing newFraming() {
                return new SmtpFraming();
            }
        };
    }
}
