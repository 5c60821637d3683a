package org.tern.smtp.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.tern.core.auth.ThrottlingAuthenticator;
import org.tern.core.config.TernConfig;
import org.tern.core.net.BoundListener;
import org.tern.core.net.ListenerSpecs;
import org.tern.core.net.NetworkServer;
import org.tern.core.net.ServerContext;
import org.tern.core.tls.TlsContexts;
import org.tern.smtp.SmtpService;
import org.tern.store.Account;
import org.tern.store.MailStore;
import org.tern.store.MailStoreConfig;
import org.tern.store.MailStores;
import org.tern.store.Mailbox;
import org.tern.store.MessageMeta;
import org.tern.store.UidSet;

/**
 * The real thing in-process: a store in a temp folder, the network server, and the three SMTP listeners on
 * ephemeral loopback ports. Domain example.org with alice, bob, carol (tiny quota), an alias and a catch-all.
 */
final class SmtpTestServer implements AutoCloseable {

    static final String HOST = "mx.example.org";
    static final String ALICE = "alice@example.org";
    static final String BOB = "bob@example.org";
    static final String CAROL = "carol@example.org";
    static final String PASSWORD = "correct horse";

    final TernConfig config;
    final MailStore store;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final BanSwitchAuthenticator auth;
    final Path dataDir;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final NetworkServer network;
    private final Map<String, BoundListener> listeners = new HashMap<>();

    private SmtpTestServer(Path dir, Map<String, String> overrides) {
        dataDir = dir;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data.dir", dir.toString());
        m.put("hostname", HOST);
        for (String l : List.of("imap", "imaps", "pop3", "pop3s", "http")) {
            m.put(l + ".listen", "");
        }
        m.put("smtp.listen", "127.0.0.1:0");
        m.put("submission.listen", "127.0.0.1:0");
        m.put("smtps.listen", "127.0.0.1:0");
        m.put("auth.throttle.base-delay", "200ms");
        m.put("auth.throttle.max-delay", "1s");
        m.put("executor.threads", "16");
        m.putAll(overrides);
        config = TernConfig.of(m);
        store = MailStores.open(MailStoreConfig.forTests(dir), registry);
        store.directory().addDomain("example.org");
        store.directory().addDomain("catchall.example");
        store.directory().addAccount(ALICE, PASSWORD.toCharArray(), Account.UNLIMITED);
        store.directory().addAccount(BOB, PASSWORD.toCharArray(), Account.UNLIMITED);
        store.directory().addAccount(CAROL, PASSWORD.toCharArray(), 1);
        store.directory().addAlias("sales@example.org", List.of(ALICE, BOB));
        store.directory().addAlias("al@example.org", List.of(ALICE));
        store.directory().addAlias("@catchall.example", List.of(BOB));
        executor = Executors.newFixedThreadPool(16);
        scheduler = Executors.newScheduledThreadPool(2);
        var tls = TlsContexts.fromConfig(config);
        network = new NetworkServer(new ServerContext(config, tls, registry, executor, scheduler));
        auth = new BanSwitchAuthenticator(new ThrottlingAuthenticator(store.directory(), config, registry, executor,
                scheduler));
        SmtpService smtp = new SmtpService(config, store, auth, registry);
        for (String name : List.of("smtp", "submission", "smtps")) {
            listeners.put(name, network.bind(ListenerSpecs.forName(config, name), smtp.forListener(name)));
        }
    }

    static SmtpTestServer start(Path dir) {
        return new SmtpTestServer(dir, Map.of());
    }

    static SmtpTestServer start(Path dir, Map<String, String> overrides) {
        return new SmtpTestServer(dir, overrides);
    }

    int port(String listener) {
        return listeners.get(listener).boundAddress().getPort();
    }

    long accountId(String address) {
        return store.directory().account(address).orElseThrow().id();
    }

    /** The INBOX bodies of an account, oldest first, read through the store API. */
    List<byte[]> inbox(String address) throws IOException {
        long account = accountId(address);
        Mailbox inbox = store.mailboxes().find(account, "INBOX").orElseThrow();
        List<byte[]> out = new ArrayList<>();
        for (MessageMeta meta : store.messages().list(inbox.id(), UidSet.ALL)) {
            try (InputStream in = store.blobs().open(meta.blobId())) {
                out.add(in.readAllBytes());
            }
        }
        return out;
    }

    int inboxCount(String address) {
        long account = accountId(address);
        Mailbox inbox = store.mailboxes().find(account, "INBOX").orElseThrow();
        return store.messages().uids(inbox.id()).length;
    }

    /** Files left in the store's staging folder for incoming bodies (none once every transaction ended). */
    long stagedFiles() throws IOException {
        try (var files = java.nio.file.Files.list(dataDir.resolve("tmp"))) {
            return files.count();
        }
    }

    double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        network.close();
        executor.shutdownNow();
        scheduler.shutdownNow();
        store.close();
    }
}
