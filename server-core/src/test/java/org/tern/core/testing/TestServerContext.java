package org.tern.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.tern.core.config.TernConfig;
import org.tern.core.net.ListenerSpec;
import org.tern.core.net.ListenerSpecs;
import org.tern.core.net.ServerContext;
import org.tern.core.tls.ReloadingTlsContextProvider;
import org.tern.core.tls.TlsContexts;

/**
 * A {@link ServerContext} for tests: config with {@code data.dir} in a fresh temp folder, hostname localhost and
 * every listener on 127.0.0.1 port 0; the self-signed certificate; a {@link SimpleMeterRegistry}; an executor and
 * a scheduler. {@link #close()} stops the threads and deletes the folder.
 */
public final class TestServerContext implements AutoCloseable {

    private final Path dataDir;
    private final TernConfig config;
    private final ReloadingTlsContextProvider tls;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final ServerContext context;

    private TestServerContext(Map<String, String> overrides) {
        try {
            dataDir = Files.createTempDirectory("tern-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> base = new HashMap<>();
        base.put("data.dir", dataDir.toString());
        base.put("hostname", "localhost");
        for (String name : ListenerSpecs.NAMES) {
            base.put(name + ".listen", "127.0.0.1:0");
        }
        base.put("http.listen", "127.0.0.1:0");
        config = TernConfig.of(base, overrides);
        if (config.get("tls.cert").isEmpty()) {
            SharedTestCertificate.copyInto(dataDir.resolve("tls"));
        }
        tls = TlsContexts.fromConfig(config, Duration.ofMillis(200));
        executor = Executors.newFixedThreadPool(16, threads("tern-test-exec-"));
        scheduler = Executors.newSingleThreadScheduledExecutor(threads("tern-test-sched-"));
        context = new ServerContext(config, tls, registry, executor, scheduler);
    }

    public static TestServerContext create() {
        return new TestServerContext(Map.of());
    }

    /** With extra config values over the test defaults, e.g. {@code Map.of("limits.connections-per-ip", "3")}. */
    public static TestServerContext create(Map<String, String> overrides) {
        return new TestServerContext(overrides);
    }

    public ServerContext context() {
        return context;
    }

    public TernConfig config() {
        return config;
    }

    public ReloadingTlsContextProvider tls() {
        return tls;
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    public ExecutorService executor() {
        return executor;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The named listener's spec bound to 127.0.0.1 port 0. */
    public ListenerSpec spec(String listenerName) {
        return ListenerSpecs.withAddress(ListenerSpecs.forName(config, listenerName), new InetSocketAddress("127.0.0.1", 0));
    }

    @Override
    public void close() {
        executor.shutdown();
        scheduler.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
