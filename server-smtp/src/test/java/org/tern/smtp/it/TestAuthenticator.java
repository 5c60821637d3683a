package org.tern.smtp.it;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.tern.core.auth.AuthResult;
import org.tern.core.auth.Authenticator;
import org.tern.core.net.Connection;
import org.tern.store.Account;
import org.tern.store.Directory;

/**
 * A stand-in for server-core's {@code ThrottlingAuthenticator} (still a stub on main): verifies against the
 * real directory on the executor, delays each attempt after failures by base x 2^(failures-1) per IP and per
 * account (capped, without holding a thread), and refuses IPs in {@link #ban}. Same contract as the real one,
 * so the SMTP side (await, 535, 454) is exercised as in production.
 */
final class TestAuthenticator implements Authenticator {

    private final Directory directory;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Duration base;
    private final Duration max;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Set<String> banned = ConcurrentHashMap.newKeySet();

    TestAuthenticator(Directory directory, ExecutorService executor, ScheduledExecutorService scheduler,
                      Duration base, Duration max) {
        this.directory = directory;
        this.executor = executor;
        this.scheduler = scheduler;
        this.base = base;
        this.max = max;
    }

    /** Refuses every later login from this IP with BANNED (the real one bans after many failures). */
    void ban(String ip) {
        banned.add(ip);
    }

    void unban(String ip) {
        banned.remove(ip);
    }

    @Override
    public CompletionStage<AuthResult> authenticate(String username, char[] password, Connection connection) {
        String ip = connection.remoteAddress().getAddress().getHostAddress();
        if (banned.contains(ip)) {
            return CompletableFuture.completedFuture(new AuthResult(AuthResult.Status.BANNED, null));
        }
        String user = "user:" + username.toLowerCase(Locale.ROOT);
        int n = Math.max(failures.getOrDefault(ip, 0), failures.getOrDefault(user, 0));
        long delay = n == 0 ? 0 : Math.min(max.toMillis(), base.toMillis() << Math.min(20, n - 1));
        char[] copy = password.clone();
        CompletableFuture<AuthResult> result = new CompletableFuture<>();
        scheduler.schedule(() -> executor.execute(() -> {
            try {
                Optional<Account> account = directory.verifyPassword(username, copy);
                if (account.isPresent()) {
                    failures.remove(user);
                    result.complete(new AuthResult(AuthResult.Status.OK, account.get()));
                } else {
                    failures.merge(ip, 1, Integer::sum);
                    failures.merge(user, 1, Integer::sum);
                    result.complete(new AuthResult(AuthResult.Status.FAILED, null));
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            } finally {
                java.util.Arrays.fill(copy, '\0');
            }
        }), delay, TimeUnit.MILLISECONDS);
        return result;
    }
}
