package org.tern.smtp.it;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.tern.core.auth.AuthResult;
import org.tern.core.auth.Authenticator;
import org.tern.core.net.Connection;

/**
 * The real authenticator, plus a switch that makes it answer BANNED for an IP. The real one never bans
 * loopback, the only address tests have; this lets a test see SMTP's 454 4.7.0 for a banned client.
 */
final class BanSwitchAuthenticator implements Authenticator {

    private final Authenticator real;
    private final Set<String> banned = ConcurrentHashMap.newKeySet();

    BanSwitchAuthenticator(Authenticator real) {
        this.real = real;
    }

    void ban(String ip) {
        banned.add(ip);
    }

    void unban(String ip) {
        banned.remove(ip);
    }

    @Override
    public CompletionStage<AuthResult> authenticate(String username, char[] password, Connection connection) {
        if (banned.contains(connection.remoteAddress().getAddress().getHostAddress())) {
            return CompletableFuture.completedFuture(new AuthResult(AuthResult.Status.BANNED, null));
        }
        return real.authenticate(username, password, connection);
    }
}
