package org.tern.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tern.core.testing.TestServerContext;
import org.tern.store.Account;
import org.tern.store.Directory;

class ThrottlingAuthenticatorTest {

    private static final Account ALICE = new Account(1, "alice@example.org", "example.org", Account.UNLIMITED, false, Instant.EPOCH);

    private TestServerContext ctx;
    private ThrottlingAuthenticator auth;
    private final AtomicInteger verifications = new AtomicInteger();
    private final Map<String, String> ioThreadNames = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        ctx = TestServerContext.create(Map.of("auth.throttle.base-delay", "100ms", "auth.throttle.max-delay", "400ms",
                "auth.ban.failures", "5", "auth.ban.duration", "2s"));
        auth = new ThrottlingAuthenticator(directory(), ctx.config(), ctx.registry(), ctx.executor(), ctx.scheduler());
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** A directory that knows alice@example.org / secret; everything but verifyPassword is unused here. */
    private Directory directory() {
        return (Directory) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Directory.class}, (p, m, args) -> {
            if (!m.getName().equals("verifyPassword")) {
                throw new UnsupportedOperationException(m.getName());
            }
            verifications.incrementAndGet();
            ioThreadNames.put(Thread.currentThread().getName(), "");
            boolean ok = "alice@example.org".equalsIgnoreCase((String) args[0]) && "secret".equals(new String((char[]) args[1]));
            return ok ? Optional.of(ALICE) : Optional.empty();
        });
    }

    private AuthResult login(String user, String password, String ip) throws Exception {
        return auth.authenticate(user, password.toCharArray(), FakeConnection.from(ip)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private long timedMillis(String user, String password, String ip) throws Exception {
        long start = System.nanoTime();
        login(user, password, ip);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void correctAndWrongPasswords() throws Exception {
        assertThat(login("alice@example.org", "secret", "192.0.2.1").status()).isEqualTo(AuthResult.Status.OK);
        assertThat(login("alice@example.org", "secret", "192.0.2.1").account()).isEqualTo(ALICE);
        assertThat(login("alice@example.org", "wrong", "192.0.2.1").status()).isEqualTo(AuthResult.Status.FAILED);
        assertThat(login("nobody@example.org", "secret", "192.0.2.1").status()).isEqualTo(AuthResult.Status.FAILED);
        assertThat(ioThreadNames.keySet()).allMatch(n -> n.startsWith("tern-test-exec-"));
        assertThat(ctx.registry().get("tern.auth").tag("listener", "submission").tag("result", "ok").counter().count()).isEqualTo(2.0);
        assertThat(ctx.registry().get("tern.auth").tag("result", "failed").counter().count()).isEqualTo(2.0);
    }

    @Test
    void delayGrowsPerFailureAndIsCapped() {
        assertThat(auth.delayFor(0)).isZero();
        assertThat(auth.delayFor(1)).isEqualTo(100);
        assertThat(auth.delayFor(2)).isEqualTo(200);
        assertThat(auth.delayFor(3)).isEqualTo(400);
        assertThat(auth.delayFor(10)).isEqualTo(400);
    }

    @Test
    void failuresSlowDownTheIpAndASuccessResetsIt() throws Exception {
        login("alice@example.org", "wrong", "192.0.2.2");
        login("alice@example.org", "wrong", "192.0.2.2");
        // Two failures: the next attempt from this IP waits at least 200 ms, even with the right password.
        assertThat(timedMillis("alice@example.org", "secret", "192.0.2.2")).isGreaterThanOrEqualTo(190);
        assertThat(timedMillis("bob@example.org", "x", "192.0.2.2")).isLessThan(190);
    }

    @Test
    void failuresSlowDownTheAccountFromOtherIps() throws Exception {
        login("alice@example.org", "wrong", "192.0.2.3");
        login("alice@example.org", "wrong", "192.0.2.4");
        assertThat(timedMillis("alice@example.org", "wrong", "192.0.2.5")).isGreaterThanOrEqualTo(190);
    }

    @Test
    void banAfterManyFailuresButNeverLockOutTheUserFromElsewhere() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(login("mallory" + i + "@example.org", "guess", "198.51.100.7").status()).isEqualTo(AuthResult.Status.FAILED);
        }
        int before = verifications.get();
        assertThat(login("alice@example.org", "secret", "198.51.100.7").status()).isEqualTo(AuthResult.Status.BANNED);
        assertThat(verifications.get()).isEqualTo(before);
        assertThat(login("alice@example.org", "secret", "203.0.113.9").status()).isEqualTo(AuthResult.Status.OK);
        Thread.sleep(2100);
        assertThat(login("alice@example.org", "secret", "198.51.100.7").status()).isEqualTo(AuthResult.Status.OK);
    }

    @Test
    void attackerCannotLockOutAnAccount() throws Exception {
        for (int i = 0; i < 8; i++) {
            login("alice@example.org", "guess" + i, "198.51.100." + (10 + i));
        }
        assertThat(login("alice@example.org", "secret", "203.0.113.10").status()).isEqualTo(AuthResult.Status.OK);
    }

    @Test
    void loopbackIsNeverBanned() throws Exception {
        for (int i = 0; i < 7; i++) {
            login("user" + i + "@example.org", "guess", "127.0.0.1");
        }
        assertThat(login("alice@example.org", "secret", "127.0.0.1").status()).isEqualTo(AuthResult.Status.OK);
    }

    @Test
    void memoryIsBounded() throws Exception {
        for (int i = 0; i < 50; i++) {
            login("u" + i + "@example.org", "x", "10.0.0." + i);
        }
        assertThat(auth.trackedEntries()).isLessThanOrEqualTo(100);
    }
}
