package org.tern.pop3.e2e;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.tern.core.auth.AuthResult;
import org.tern.core.auth.Authenticator;
import org.tern.core.net.Connection;
import org.tern.store.Directory;

/**
 * Verifies passwords against the real directory on an executor, without throttling: stands in for
 * ThrottlingAuthenticator while that is not on main.
 */
final class DirectoryAuthenticator implements Authenticator {

    private final Directory directory;
    private final Executor executor;

    DirectoryAuthenticator(Directory directory, Executor executor) {
        this.directory = directory;
        this.executor = executor;
    }

    @Override
    public CompletionStage<AuthResult> authenticate(String username, char[] password, Connection connection) {
        char[] copy = password.clone();
        return CompletableFuture.supplyAsync(() -> directory.verifyPassword(username, copy)
                .map(a -> new AuthResult(AuthResult.Status.OK, a))
                .orElse(new AuthResult(AuthResult.Status.FAILED, null)), executor);
    }
}
