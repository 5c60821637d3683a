package org.tern.core.auth;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.core.config.TernConfig;
import org.tern.core.net.Connection;
import org.tern.store.Account;
import org.tern.store.Directory;

/**
 * Verifies passwords against the directory on {@code executor} and throttles failures per IP and per account:
 * a growing delay, and a temporary ban of an IP after many failures (never loopback). A correct password from
 * an IP that is not banned still succeeds after the delay.
 *
 * <p>Delay before the answer: {@code auth.throttle.base-delay} doubled per earlier failure of the IP or of
 * the account (the larger), at most {@code auth.throttle.max-delay}; failures are forgotten after
 * {@code auth.ban.duration} without another one. A success resets the counters of the IP and of the account.
 * Loopback clients (e.g. a webmail on the same host, shared by all its users) only count per account.
 * The returned stage completes exceptionally if the directory fails (the store is unavailable).
 */
public final class ThrottlingAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ThrottlingAuthenticator.class);
    private static final long SWEEP_INTERVAL_MS = 60_000;
    private static final int MAX_ENTRIES = 100_000;

    private final Directory directory;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry registry;
    private final long baseDelayMs;
    private final long maxDelayMs;
    private final int banFailures;
    private final long banMs;
    private final FailureRecords byIp;
    private final FailureRecords byAccount;
    private final AtomicLong lastSweep = new AtomicLong(System.currentTimeMillis());

    public ThrottlingAuthenticator(Directory directory, TernConfig config, MeterRegistry registry,
                                   ExecutorService executor, ScheduledExecutorService scheduler) {
        this.directory = directory;
        this.registry = registry;
        this.executor = executor;
        this.scheduler = scheduler;
        this.baseDelayMs = config.duration("auth.throttle.base-delay").toMillis();
        this.maxDelayMs = Math.max(baseDelayMs, config.duration("auth.throttle.max-delay").toMillis());
        this.banFailures = config.integer("auth.ban.failures");
        Duration ban = config.duration("auth.ban.duration");
        this.banMs = ban.toMillis();
        long window = Math.max(banMs, Duration.ofMinutes(1).toMillis());
        this.byIp = new FailureRecords(window, MAX_ENTRIES);
        this.byAccount = new FailureRecords(window, MAX_ENTRIES);
    }

    @Override
    public CompletionStage<AuthResult> authenticate(String username, char[] password, Connection connection) {
        long now = System.currentTimeMillis();
        sweepNowAndThen(now);
        String ip = ip(connection);
        boolean loopback = connection.isLoopback();
        String account = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        String listener = connection.listener().name();
        if (!loopback && byIp.isBanned(ip, now)) {
            count(listener, "banned");
            LOG.info("auth refused (banned) session={} remote={} listener={}", connection.id(), ip, listener);
            return CompletableFuture.completedFuture(new AuthResult(AuthResult.Status.BANNED, null));
        }
        int failures = Math.max(loopback ? 0 : byIp.failures(ip, now), byAccount.failures(account, now));
        long delayMs = delayFor(failures);
        long start = System.nanoTime();
        char[] secret = password == null ? new char[0] : password.clone();
        CompletableFuture<AuthResult> result = new CompletableFuture<>();
        executor.execute(() -> {
            AuthResult outcome;
            try {
                Optional<Account> verified = directory.verifyPassword(username, secret);
                outcome = verified.map(a -> new AuthResult(AuthResult.Status.OK, a))
                        .orElseGet(() -> new AuthResult(AuthResult.Status.FAILED, null));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            } finally {
                Arrays.fill(secret, '\0');
            }
            record(outcome, ip, loopback, account, connection, listener);
            long remaining = delayMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (remaining <= 0) {
                result.complete(outcome);
            } else {
                // Complete on the executor: what the protocol does next (e.g. a POP3 INBOX snapshot) may hit the
                // store, and must not hold up the one scheduler thread every timer shares.
                scheduler.schedule(() -> completeOnExecutor(result, outcome), remaining, TimeUnit.MILLISECONDS);
            }
        });
        return result;
    }

    private void completeOnExecutor(CompletableFuture<AuthResult> result, AuthResult outcome) {
        try {
            executor.execute(() -> result.complete(outcome));
        } catch (RejectedExecutionException e) {
            result.complete(outcome); // shutting down: answer anyway rather than hang the session
        }
    }

    /** The delay applied after {@code failures} earlier failures (0 for none). */
    long delayFor(int failures) {
        if (failures <= 0 || baseDelayMs <= 0) {
            return 0;
        }
        long delay = baseDelayMs;
        for (int i = 1; i < failures && delay < maxDelayMs; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxDelayMs);
    }

    /** Entries currently kept (for tests and the bounded-memory check). */
    int trackedEntries() {
        return byIp.size() + byAccount.size();
    }

    private void record(AuthResult outcome, String ip, boolean loopback, String account, Connection connection,
                        String listener) {
        long now = System.currentTimeMillis();
        if (outcome.ok()) {
            count(listener, "ok");
            byIp.reset(ip);
            byAccount.reset(account);
            return;
        }
        count(listener, "failed");
        LOG.info("auth failed session={} remote={} listener={} user={}", connection.id(), ip, listener, printable(account));
        byAccount.fail(account, now);
        if (loopback) {
            return;
        }
        int recent = byIp.fail(ip, now);
        if (banFailures > 0 && banMs > 0 && recent >= banFailures && !byIp.isBanned(ip, now)) {
            byIp.ban(ip, now + banMs);
            LOG.warn("auth ban remote={} failures={} for={}s (auth.ban.failures/auth.ban.duration)", ip, recent, banMs / 1000);
        }
    }

    private void count(String listener, String result) {
        Counter.builder("tern.auth").tag("listener", listener).tag("result", result)
                .description("Login attempts").register(registry).increment();
    }

    private void sweepNowAndThen(long now) {
        long last = lastSweep.get();
        if (now - last >= SWEEP_INTERVAL_MS && lastSweep.compareAndSet(last, now)) {
            byIp.sweep(now);
            byAccount.sweep(now);
        }
    }

    private static String ip(Connection connection) {
        InetSocketAddress remote = connection.remoteAddress();
        if (remote == null) {
            return "?";
        }
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.replaceAll("[\\p{Cntrl}\\s]", "?");
    }
}
