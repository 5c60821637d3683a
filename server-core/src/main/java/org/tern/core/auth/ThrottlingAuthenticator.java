package org.tern.core.auth;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import org.tern.core.config.TernConfig;
import org.tern.core.net.Connection;
import org.tern.store.Directory;

/**
 * Verifies passwords against the directory on {@code executor} and throttles failures per IP and per account:
 * a growing delay, and a temporary ban of an IP after many failures (never loopback). A correct password from
 * an IP that is not banned still succeeds after the delay.
 */
public final class ThrottlingAuthenticator implements Authenticator {

    public ThrottlingAuthenticator(Directory directory, TernConfig config, MeterRegistry registry,
                                   ExecutorService executor, ScheduledExecutorService scheduler) {
    }

    @Override
    public CompletionStage<AuthResult> authenticate(String username, char[] password, Connection connection) {
        throw new UnsupportedOperationException("implemented by the server-core work");
    }
}
