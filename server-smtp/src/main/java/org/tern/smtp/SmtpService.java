package org.tern.smtp;

import io.micrometer.core.instrument.MeterRegistry;
import org.tern.core.auth.Authenticator;
import org.tern.core.config.TernConfig;
import org.tern.core.net.ProtocolHandlerFactory;
import org.tern.store.MailStore;

/** Entry point of the SMTP module for the composition root: one handler factory per SMTP listener. */
public final class SmtpService {

    public SmtpService(TernConfig config, MailStore store, Authenticator authenticator, MeterRegistry registry) {
    }

    /** The handler factory for a listener name from the config. */
    public ProtocolHandlerFactory forListener(String listenerName) {
        throw new UnsupportedOperationException("implemented by the SMTP work");
    }
}
