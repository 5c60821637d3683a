package org.tern.pop3;

import io.micrometer.core.instrument.MeterRegistry;
import org.tern.core.auth.Authenticator;
import org.tern.core.config.TernConfig;
import org.tern.core.net.ProtocolHandlerFactory;
import org.tern.store.MailStore;

/** Entry point of the POP3 module for the composition root: one handler factory per POP3 listener. */
public final class Pop3Service {

    public Pop3Service(TernConfig config, MailStore store, Authenticator authenticator, MeterRegistry registry) {
    }

    /** The handler factory for a listener name from the config. */
    public ProtocolHandlerFactory forListener(String listenerName) {
        throw new UnsupportedOperationException("implemented by the POP3 work");
    }
}
