package org.tern.imap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.tern.core.auth.Authenticator;
import org.tern.core.auth.ThrottlingAuthenticator;
import org.tern.core.config.TernConfig;
import org.tern.core.net.BoundListener;
import org.tern.core.net.ListenerSpecs;
import org.tern.core.net.NetworkServer;
import org.tern.core.net.ServerContext;
import org.tern.core.tls.TlsContexts;
import org.tern.imap.ImapService;
import org.tern.store.Account;
import org.tern.store.MailStore;
import org.tern.store.testing.TestMailStores;

/** A real store and a real IMAP listener on 127.0.0.1 port 0 (plus imaps), with one account. */
public final class ImapTestServer implements AutoCloseable {

    public static final String USER = "alice@example.org";
    public static final String PASSWORD = "secret";

    private final Path dir;
    private final MailStore store;
    private final Account account;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NetworkServer server;
    private final BoundListener imap;
    private final BoundListener imaps;

    /** A data folder shared by the servers of one test JVM, only for the TLS certificate. */
    private static final class SharedTlsDir {
        static final Path PATH = create();

        private static Path create() {
            try {
                Path p = Files.createTempDirectory("tern-imap-tls");
                p.toFile().deleteOnExit();
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public ImapTestServer() {
        this(Map.of());
    }

    public ImapTestServer(Map<String, String> overrides) {
        try {
            dir = Files.createTempDirectory("tern-imap-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t0 = System.nanoTime();
        store = TestMailStores.open(dir.resolve("store"));
        account = TestMailStores.account(store, USER, PASSWORD);
        long t1 = System.nanoTime();
        Map<String, String> settings = new HashMap<>();
        // one self-signed certificate per test JVM: generating an RSA key per server is slow on a busy machine
        settings.put("data.dir", SharedTlsDir.PATH.toString());
        settings.put("hostname", "localhost");
        settings.put("imap.listen", "127.0.0.1:0");
        settings.put("imaps.listen", "127.0.0.1:0");
        settings.put("message.max-bytes", "10M");
        settings.put("auth.throttle.base-delay", "10ms");
        settings.put("auth.throttle.max-delay", "50ms");
        settings.putAll(overrides);
        TernConfig config = TernConfig.of(settings);
        server = new NetworkServer(new ServerContext(config, TlsContexts.fromConfig(config), registry, executor,
                scheduler));
        long t2 = System.nanoTime();
        if (Boolean.getBoolean("imap.timing")) {
            System.out.printf("store %d ms, tls+net %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        }
        Authenticator authenticator = new ThrottlingAuthenticator(store.directory(), config, registry, executor,
                scheduler);
        ImapService service = new ImapService(config, store, authenticator, registry);
        imap = server.bind(ListenerSpecs.forName(config, "imap"), service.forListener("imap"));
        imaps = server.bind(ListenerSpecs.forName(config, "imaps"), service.forListener("imaps"));
    }

    public int port() {
        return imap.boundAddress().getPort();
    }

    public int tlsPort() {
        return imaps.boundAddress().getPort();
    }

    public MailStore store() {
        return store;
    }

    public Account account() {
        return account;
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    /** Delivers a small message to the account's INBOX. */
    public void deliver(String subject, String body) {
        TestMailStores.deliver(store, TestMailStores.message(subject, body), account);
    }

    /** Another account (password {@link #PASSWORD}) for tests sharing one server. */
    public Account newAccount(String address) {
        return TestMailStores.account(store, address, PASSWORD);
    }

    public void deliver(Account to, String subject, String body) {
        TestMailStores.deliver(store, TestMailStores.message(subject, body), to);
    }

    public void deliver(byte[] message) {
        TestMailStores.deliver(store, message, account);
    }

    @Override
    public void close() {
        server.close();
        executor.shutdownNow();
        scheduler.shutdownNow();
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
