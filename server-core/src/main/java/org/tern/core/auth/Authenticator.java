package org.tern.core.auth;

import java.util.concurrent.CompletionStage;

import org.tern.core.net.Connection;

/**
 * Verifies a login with per-IP and per-account throttling. Completes after the throttling delay (without
 * holding a thread) and off the I/O threads; use with {@link Connection#await}.
 */
public interface Authenticator {

    CompletionStage<AuthResult> authenticate(String username, char[] password, Connection connection);
}
