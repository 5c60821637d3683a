package org.tern.pop3.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.tern.core.auth.Authenticator;
import org.tern.core.auth.ThrottlingAuthenticator;
import org.tern.core.config.TernConfig;
import org.tern.core.net.BoundListener;
import org.tern.core.net.NetworkServer;
import org.tern.core.sasl.SaslMechanisms;
import org.tern.core.testing.TestServerContext;
import org.tern.pop3.Pop3Service;
import org.tern.pop3.maildrop.InProcessMaildropLock;
import org.tern.store.Account;
import org.tern.store.MailStore;
import org.tern.store.testing.TestMailStores;

/** A real store, the real network server and the POP3 service on ephemeral loopback ports. */
final class Pop3TestServer implements AutoCloseable {

    final Path dir;
    final MailStore store;
    final TernConfig config;
    final SimpleMeterRegistry registry;
    final InProcessMaildropLock lock = new InProcessMaildropLock();
    private final TestServerContext context;
    private final NetworkServer server;
    private final BoundListener pop3;
    private final BoundListener pop3s;

    private Pop3TestServer(Path dir, Map<String, String> overrides, Clock clock) {
        this.dir = dir;
        Map<String, String> m = new HashMap<>();
        m.put("auth.throttle.base-delay", "10ms");
        m.put("auth.throttle.max-delay", "20ms");
        m.putAll(overrides);
        this.context = TestServerContext.create(m);
        this.config = context.config();
        this.registry = context.registry();
        this.store = TestMailStores.open(dir.resolve("store"));
        Authenticator auth = new ThrottlingAuthenticator(store.directory(), config, registry, context.executor(),
                context.scheduler());
        Pop3Service service = new Pop3Service(config, store, auth, registry, lock, SaslMechanisms.all(), clock);
        this.server = new NetworkServer(context.context());
        this.pop3 = server.bind(context.spec("pop3"), service.forListener("pop3"));
        this.pop3s = server.bind(context.spec("pop3s"), service.forListener("pop3s"));
    }

    static Pop3TestServer start(Path dir) {
        return new Pop3TestServer(dir, Map.of(), Clock.systemUTC());
    }

    static Pop3TestServer start(Path dir, Map<String, String> overrides) {
        return new Pop3TestServer(dir, overrides, Clock.systemUTC());
    }

    static Pop3TestServer start(Path dir, Map<String, String> overrides, Clock clock) {
        return new Pop3TestServer(dir, overrides, clock);
    }

    InetSocketAddress pop3Address() {
        return pop3.boundAddress();
    }

    InetSocketAddress pop3sAddress() {
        return pop3s.boundAddress();
    }

    Account account(String address, String password) {
        return TestMailStores.account(store, address, password);
    }

    void deliver(Account to, byte[] message) {
        TestMailStores.deliver(store, message, to);
    }

    long inbox(Account account) {
        return store.mailboxes().find(account.id(), "INBOX").orElseThrow().id();
    }

    /** Connects to the STLS listener and reads the greeting. */
    RawPop3Client connect() throws IOException {
        RawPop3Client c = new RawPop3Client(pop3Address());
        String greeting = c.readLine();
        if (greeting == null || !greeting.startsWith("+OK")) {
            throw new IOException("bad greeting " + greeting);
        }
        return c;
    }

    /** Connects and logs in with USER/PASS, retrying while a previous session's lock is still being released. */
    RawPop3Client login(String user, String password) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long t0 = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            RawPop3Client c = connect();
            c.command("USER " + user);
            String reply = c.command("PASS " + password);
            if (reply.startsWith("+OK")) {
                if (attempt > 0) {
                    System.out.printf("login needed %d attempts, %d ms%n", attempt + 1, (System.nanoTime() - t0) / 1_000_000);
                }
                return c;
            }
            c.close();
            if (!reply.contains("[IN-USE]") || System.nanoTime() > deadline) {
                throw new IOException("login failed: " + reply);
            }
            Thread.sleep(20);
        }
    }

    static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        store.close();
        context.close();
    }
}
