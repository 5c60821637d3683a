package org.tern.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.core.config.TernConfig;
import org.tern.core.net.ListenerStartException;

/** The composition root started in-process on ephemeral loopback ports. */
class TernServerTest {

    @TempDir
    Path tmp;

    private TernServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private TernServer start(Map<String, String> overrides) {
        server = TernServer.start(TernConfig.of(TestServers.ephemeral(tmp), overrides), false);
        return server;
    }

    private String url(String path) {
        return server.adminUrl().orElseThrow() + path;
    }

    @Test
    void healthIsUpWithEveryListener() throws Exception {
        start(Map.of());
        HttpResponse<String> r = TestServers.get(url("/health"), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).startsWith("{\"status\":\"up\"").contains("\"store\":\"up\"");
        for (String name : ProtocolServices.LISTENERS) {
            assertThat(r.body()).contains("\"" + name + "\":\"up\"");
        }
        assertThat(server.listenerAddresses()).containsOnlyKeys(ProtocolServices.LISTENERS);
        for (InetSocketAddress a : server.listenerAddresses().values()) {
            assertThat(a.getPort()).isPositive();
            try (Socket s = new Socket()) {
                s.connect(a, 5000);
            }
        }
    }

    @Test
    void metricsAreWellFormedPrometheusTextWithJvmProcessAndTernMetrics() throws Exception {
        start(Map.of());
        HttpResponse<String> r = TestServers.get(url("/metrics"), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(PrometheusFormat.badLines(r.body())).isEmpty();
        assertThat(r.body()).contains("\njvm_memory_used_bytes{", "\njvm_threads_live_threads ",
                "\njvm_classes_loaded_classes ", "\nprocess_cpu_usage ", "\nprocess_uptime_seconds ",
                "\nprocess_files_open_files ", "\ntern_queue_depth ", "\ntern_queue_oldest_age_seconds ",
                "\ntern_blob_store_bytes ", "\ntern_accounts ");
        assertThat(r.body()).containsPattern("\ntern_accounts 0(\\.0)?\n");
    }

    @Test
    void metricsSpeakOpenMetricsWhenAsked() throws Exception {
        start(Map.of());
        HttpResponse<String> r = TestServers.get(url("/metrics"),
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
        assertThat(r.body()).endsWith("# EOF\n").contains("tern_queue_depth");
    }

    @Test
    void adminApiIsMountedAndNeedsTheToken() throws Exception {
        start(Map.of());
        assertThat(TestServers.get(url("/api/status"), null).statusCode()).isEqualTo(401);
        String token = Files.readString(tmp.resolve("admin.token")).trim();
        HttpResponse<String> status = TestServers.getWithToken(url("/api/status"), token);
        assertThat(status.statusCode()).isEqualTo(200);
        for (String name : ProtocolServices.LISTENERS) {
            assertThat(status.body()).contains("\"" + name + "\"");
        }
        assertThat(TestServers.getWithToken(url("/api/domains"), "0".repeat(64)).statusCode()).isEqualTo(401);
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        start(Map.of());
        assertThat(TestServers.get(url("/nothing"), null).statusCode()).isEqualTo(404);
        assertThat(TestServers.get(url("/healthz"), null).statusCode()).isEqualTo(404);
    }

    @Test
    void writesServerJsonAndAnOwnerOnlyAdminToken() throws Exception {
        start(Map.of());
        String json = Files.readString(tmp.resolve("run/server.json"));
        assertThat(json).contains("\"pid\":" + ProcessHandle.current().pid())
                .contains("\"url\":\"" + server.adminUrl().orElseThrow() + "\"")
                .containsPattern("\"started\":\"\\d{4}-\\d\\d-\\d\\dT");
        Path token = tmp.resolve("admin.token");
        assertThat(Files.readString(token).trim()).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
    }

    @Test
    void devModeCreatesTheLocalhostDomainOnlyWhenThereIsNone() throws Exception {
        server = TernServer.start(TernConfig.of(TestServers.ephemeral(tmp)), true);
        assertThat(server.store().directory().domains()).extracting(d -> d.name()).containsExactly("localhost");
        server.stop();
        server = TernServer.start(TernConfig.of(TestServers.ephemeral(tmp)), true);
        assertThat(server.store().directory().domains()).hasSize(1);
    }

    @Test
    void shutdownStopsListenersClosesTheStoreAndRemovesServerJson() throws Exception {
        start(Map.of());
        InetSocketAddress smtp = server.listenerAddresses().get("smtp");
        InetSocketAddress http = server.httpAddress().orElseThrow();
        assertThat(tmp.resolve("run/server.json")).exists();

        server.stop();

        assertThat(tmp.resolve("run/server.json")).doesNotExist();
        assertThat(server.store().isHealthy()).isFalse();
        assertThat(server.health().isUp()).isFalse();
        assertRefused(smtp);
        assertRefused(http);
        assertNoTernThreadsLeft();
        server.stop(); // a second stop (e.g. hook after a test's stop) is harmless
    }

    @Test
    void portInUseStopsEverythingAlreadyStarted() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            TernConfig config = TernConfig.of(TestServers.ephemeral(tmp),
                    Map.of("pop3.listen", "127.0.0.1:" + taken.getLocalPort()));
            assertThat(startFailure(config)).isInstanceOf(ListenerStartException.class)
                    .hasMessageContaining("pop3")
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(tmp.resolve("run/server.json")).doesNotExist();
        assertNoTernThreadsLeft();
        // The store was closed: the same data folder starts again.
        start(Map.of());
        assertThat(TestServers.get(url("/health"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void httpPortInUseNamesHttpAndTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            TernConfig config = TernConfig.of(TestServers.ephemeral(tmp),
                    Map.of("http.listen", "127.0.0.1:" + taken.getLocalPort()));
            assertThat(startFailure(config)).isInstanceOf(ListenerStartException.class)
                    .hasMessage("cannot listen for http on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
        }
        assertNoTernThreadsLeft();
    }

    @Test
    void aSecondServerOnTheSameDataFolderIsRefusedAndLeavesTheFirstAlone() throws Exception {
        Path serverJson = tmp.resolve("run/server.json");
        Files.createDirectories(serverJson.getParent());
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(serverJson, "{\"pid\":" + other.pid() + ",\"url\":\"http://127.0.0.1:1\"}\n");
            RuntimeException e = startFailure(TernConfig.of(TestServers.ephemeral(tmp)));
            assertThat(e).isInstanceOf(StartupException.class)
                    .hasMessageContaining("in use by a running tern serve (pid " + other.pid() + ")");
            assertThat(serverJson).exists();
        } finally {
            other.destroy();
        }
    }

    @Test
    void aStaleServerJsonFromACrashIsReplaced() throws Exception {
        Path serverJson = tmp.resolve("run/server.json");
        Files.createDirectories(serverJson.getParent());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(serverJson, "{\"pid\":" + gone.pid() + ",\"url\":\"http://127.0.0.1:1\"}\n");
        start(Map.of());
        assertThat(Files.readString(serverJson)).contains("\"pid\":" + ProcessHandle.current().pid());
    }

    @Test
    void disabledListenersAreNotStartedNorReported() throws Exception {
        start(Map.of("smtps.listen", "", "imaps.listen", "", "pop3s.listen", "", "submission.listen", ""));
        assertThat(server.listenerAddresses()).containsOnlyKeys("smtp", "imap", "pop3");
        assertThat(TestServers.get(url("/health"), null).body()).doesNotContain("smtps");
    }

    /** The exception a start fails with. */
    private static RuntimeException startFailure(TernConfig config) {
        try {
            TernServer.start(config, false).stop();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("start-up succeeded");
    }

    private static void assertRefused(InetSocketAddress address) {
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(address, 2000);
            }
        }).isInstanceOf(java.io.IOException.class);
    }

    private static void assertNoTernThreadsLeft() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(n -> n.startsWith("tern-worker") || n.startsWith("tern-http") || n.startsWith("tern-timer"))
                    .toList();
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        assertThat(alive).as("threads left after stop").isEmpty();
    }
}
