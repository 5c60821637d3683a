package org.tern.imap;

import io.micrometer.core.instrument.MeterRegistry;
import org.tern.core.auth.Authenticator;
import org.tern.core.config.TernConfig;
import org.tern.core.net.ProtocolHandlerFactory;
import org.tern.store.MailStore;

/** Entry point of the IMAP module for the composition root: one handler factory per IMAP listener. */
public final class ImapService {

    public ImapService(TernConfig config, MailStore store, Authenticator authenticator, MeterRegistry registry) {
    }

    /** The handler factory for a listener name from the config. */
    public ProtocolHandlerFactory forListener(String listenerName) {
        throw new UnsupportedOperationException("implemented by the IMAP work");
    }
}
