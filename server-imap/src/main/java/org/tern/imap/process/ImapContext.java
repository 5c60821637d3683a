package org.tern.imap.process;

import java.time.Duration;

import org.tern.core.auth.Authenticator;
import org.tern.store.MailStore;

/** What every session of one listener shares. */
public record ImapContext(MailStore store, Authenticator authenticator, String hostname,
                          long maxMessageBytes, boolean plaintextOnLoopback, Duration idleTimeout) {
}
