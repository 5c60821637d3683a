package org.tern.dist;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.tern.admin.api.AdminApiHandler;
import org.tern.admin.service.LocalAdminService;
import org.tern.core.auth.Authenticator;
import org.tern.core.auth.ThrottlingAuthenticator;
import org.tern.core.config.ConfigException;
import org.tern.core.config.TernConfig;
import org.tern.core.net.BoundListener;
import org.tern.core.net.ListenerSpec;
import org.tern.core.net.ListenerSpecs;
import org.tern.core.net.NetworkServer;
import org.tern.core.net.ServerContext;
import org.tern.core.tls.TlsContextProvider;
import org.tern.core.tls.TlsContexts;
import org.tern.dist.http.HealthHandler;
import org.tern.dist.http.HealthReport;
import org.tern.dist.http.HttpEndpoint;
import org.tern.dist.http.MetricsHandler;
import org.tern.dist.metrics.StoreMetrics;
import org.tern.dist.metrics.SystemMetrics;
import org.tern.dist.run.AdminTokenFile;
import org.tern.dist.run.ServerInfoFile;
import org.tern.store.MailStore;
import org.tern.store.MailStoreConfig;
import org.tern.store.MailStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that builds Tern's object graph. {@link #start} goes config -> store ->
 * TLS -> executors -> network -> protocol services -> listeners -> HTTP -> {@code run/server.json}; {@link #stop}
 * undoes it in the order that lets in-flight work finish. A failure part-way stops what was already started.
 */
public final class TernServer implements AutoCloseable {

    /** How long shutdown waits for protocol work and HTTP exchanges in progress. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final Duration QUIET_POLL = Duration.ofMillis(20);
    private static final int HTTP_THREADS = 4;
    private static final int SCHEDULER_THREADS = 2;
    private static final Logger log = LoggerFactory.getLogger(TernServer.class);

    private enum State { STARTING, RUNNING, STOPPING, STOPPED }

    private final TernConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, BoundListener> listeners = new LinkedHashMap<>();
    private final ServerInfoFile serverInfo;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile State state = State.STARTING;
    private boolean wroteServerInfo;

    private SystemMetrics systemMetrics;
    private MailStore store;
    private ThreadPoolExecutor executor;
    private ScheduledExecutorService scheduler;
    private NetworkServer network;
    private ProtocolServices services;
    private ExecutorService httpExecutor;
    private HttpEndpoint http;

    private TernServer(TernConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.serverInfo = new ServerInfoFile(config.dataDir());
    }

    /**
     * Starts everything the config enables. Throws {@link ConfigException} for a value only checkable here,
     * {@link org.tern.core.net.ListenerStartException} when an address cannot be bound, or the store's exception
     * when it cannot open; in each case whatever had started is stopped again.
     *
     * @param dev also create the domain {@code localhost} when no domain exists ({@code tern serve --dev})
     */
    public static TernServer start(TernConfig config, boolean dev) {
        TernServer server = new TernServer(config, Clock.systemUTC());
        try {
            server.boot(dev);
            return server;
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    private void boot(boolean dev) {
        int threads = config.integer("executor.threads");
        if (threads < 1) {
            throw new ConfigException("invalid value for 'executor.threads': '" + threads + "' (must be at least 1)");
        }
        if (config.duration("store.blob-gc-grace").compareTo(Duration.ofMinutes(1)) < 0) {
            // a copy that read a body's id just before its last message was expunged must still find it
            throw new ConfigException("invalid value for 'store.blob-gc-grace': '" + config.get("store.blob-gc-grace")
                    + "' (must be at least 1m)");
        }
        Path dataDir = createDataDir(config.dataDir());
        Optional<Long> running = serverInfo.otherLivePid();
        if (running.isPresent()) {
            throw new StartupException("data folder " + dataDir + " is in use by a running tern serve (pid "
                    + running.get() + ")");
        }
        Instant started = clock.instant();
        systemMetrics = SystemMetrics.bindTo(registry);

        MailStoreConfig storeConfig = MailStoreConfig.defaults(dataDir);
        storeConfig = storeConfig.withBlobGc(new MailStoreConfig.BlobGc(config.duration("store.blob-gc-interval"),
                config.duration("store.blob-gc-grace"), storeConfig.blobGc().scanPeriod(),
                storeConfig.blobGc().firstScanDelay()));
        store = MailStores.open(storeConfig, registry);
        StoreMetrics.bindTo(registry, store, clock);
        if (dev) {
            createDevDomain(store);
        }
        TlsContextProvider tls = TlsContexts.fromConfig(config);
        executor = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new NamedThreadFactory("tern-worker", false));
        scheduler = Executors.newScheduledThreadPool(SCHEDULER_THREADS, new NamedThreadFactory("tern-timer", true));
        network = new NetworkServer(new ServerContext(config, tls, registry, executor, scheduler));
        Authenticator authenticator = new ThrottlingAuthenticator(store.directory(), config, registry, executor, scheduler);
        services = new ProtocolServices(config, store, authenticator, registry);

        // The one place protocol listeners plug in: every enabled name gets its module's handler factory.
        for (String name : ProtocolServices.LISTENERS) {
            if (config.listen(name + ".listen").isPresent()) {
                bindListener(name);
            }
        }
        String token = new AdminTokenFile(dataDir).readOrCreate();
        Optional<InetSocketAddress> httpAddress = config.listen("http.listen");
        if (httpAddress.isPresent()) {
            startHttp(httpAddress.get(), adminApi(token, started));
        }
        serverInfo.write(ProcessHandle.current().pid(), adminUrl(), started);
        wroteServerInfo = true;
        state = State.RUNNING;
        log.info("tern started: data={} listeners={}", dataDir, listeners.keySet());
    }

    private void bindListener(String name) {
        ListenerSpec spec = ListenerSpecs.forName(config, name);
        BoundListener bound = network.bind(spec, services.forListener(name));
        listeners.put(name, bound);
        log.info("listener={} address={} tls={}", name, hostPort(bound.boundAddress()), spec.tls());
    }

    private void startHttp(InetSocketAddress address, HttpHandler adminApi) {
        httpExecutor = Executors.newFixedThreadPool(HTTP_THREADS, new NamedThreadFactory("tern-http", false));
        http = HttpEndpoint.start(address, httpExecutor, SHUTDOWN_GRACE,
                new HealthHandler(this::health), new MetricsHandler(registry), adminApi);
        log.info("listener=http address={} paths=/health,/metrics,/api/", hostPort(http.address()));
    }

    /** The admin API (admin-cli) mounted under {@code /api/}: the store's admin operations plus this server's status. */
    private HttpHandler adminApi(String adminToken, Instant started) {
        RunningServer runtime = new RunningServer(started, this::addressesForStatus, this::health);
        return new AdminApiHandler(new LocalAdminService(store, runtime), adminToken);
    }

    /** Every listener's address for {@code tern status}, http included. */
    private Map<String, String> addressesForStatus() {
        Map<String, String> out = new LinkedHashMap<>();
        listenerAddresses().forEach((name, address) -> out.put(name, hostPort(address)));
        httpAddress().ifPresent(a -> out.put("http", hostPort(a)));
        return out;
    }

    private static void createDevDomain(MailStore store) {
        if (store.directory().domains().isEmpty()) {
            store.directory().addDomain("localhost");
            log.info("dev: created domain localhost");
        }
    }

    private static Path createDataDir(Path dataDir) {
        try {
            return Files.createDirectories(dataDir).toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new StartupException("cannot create data folder " + dataDir + ": " + e);
        }
    }

    /** Listeners and store, up or down: what {@code GET /health} reports. */
    public HealthReport health() {
        Map<String, Boolean> up = new LinkedHashMap<>();
        listeners.forEach((name, listener) -> up.put(name, state == State.RUNNING && listener.isActive()));
        boolean storeUp = state == State.RUNNING && store != null && isHealthy(store);
        return new HealthReport(up, storeUp);
    }

    private static boolean isHealthy(MailStore store) {
        try {
            return store.isHealthy();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The address each protocol listener actually bound, by listener name. */
    public Map<String, InetSocketAddress> listenerAddresses() {
        Map<String, InetSocketAddress> out = new LinkedHashMap<>();
        listeners.forEach((name, listener) -> out.put(name, listener.boundAddress()));
        return Collections.unmodifiableMap(out);
    }

    /** The HTTP address actually bound, when HTTP is enabled. */
    public Optional<InetSocketAddress> httpAddress() {
        return Optional.ofNullable(http).map(HttpEndpoint::address);
    }

    /** {@code http://host:port} for local clients (a wildcard bind is reached through loopback). */
    public Optional<String> adminUrl() {
        return httpAddress().map(a -> "http://" + hostPort(reachable(a)));
    }

    /** The open store; for tests in this package. */
    MailStore store() {
        return store;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Path serverInfoFile() {
        return serverInfo.path();
    }

    /** Blocks until {@link #stop} has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Clean shutdown (the SIGTERM path): stop accepting and close connections, let queued protocol work finish
     * (bounded by {@link #SHUTDOWN_GRACE}), stop HTTP, close the store, remove {@code run/server.json}.
     * Safe to call more than once and after a failed start.
     */
    public void stop() {
        synchronized (this) {
            if (state == State.STOPPING || state == State.STOPPED) {
                return;
            }
            state = State.STOPPING;
        }
        try {
            log.info("tern stopping");
            if (executor != null) {
                // Closing a listener closes its connections, so first let commands being processed finish
                // (e.g. a delivery whose 250 would otherwise be lost and the message sent again).
                quietly("protocol work", () -> awaitQuiet(executor));
            }
            listeners.values().forEach(l -> quietly("listener " + l.spec().name(), l::close));
            if (network != null) {
                quietly("network", network::close);
            }
            if (executor != null) {
                quietly("protocol work", () -> drain(executor, "protocol work"));
            }
            if (http != null) {
                quietly("http", http::close);
            }
            if (httpExecutor != null) {
                quietly("http threads", () -> drain(httpExecutor, "http"));
            }
            if (services != null) {
                quietly("protocol services", services::close);
            }
            if (scheduler != null) {
                quietly("timers", scheduler::shutdownNow);
            }
            if (store != null) {
                quietly("store", store::close);
            }
            if (wroteServerInfo) {
                // Only our own: a start refused because another server runs must leave that one's file alone.
                quietly("server.json", serverInfo::remove);
            }
            if (systemMetrics != null) {
                quietly("jvm metrics", systemMetrics::close);
            }
            quietly("metrics", registry::close);
            log.info("tern stopped");
        } finally {
            state = State.STOPPED;
            stopped.countDown();
        }
    }

    /** Waits (bounded) until no protocol task runs or waits; idle connections (e.g. IMAP IDLE) do not count. */
    private static void awaitQuiet(ThreadPoolExecutor pool) {
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        try {
            while (pool.getActiveCount() > 0 || !pool.getQueue().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    log.warn("protocol work still running after {}s; closing connections anyway",
                            SHUTDOWN_GRACE.toSeconds());
                    return;
                }
                Thread.sleep(QUIET_POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(ExecutorService pool, String what) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} still running after {}s; interrupting it", what, SHUTDOWN_GRACE.toSeconds());
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("stopping {} failed: {}", what, e.toString());
        }
    }

    private static InetSocketAddress reachable(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        if (ip != null && ip.isAnyLocalAddress()) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), a.getPort());
        }
        return a;
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
