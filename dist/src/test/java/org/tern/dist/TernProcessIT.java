package org.tern.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the unpacked distribution's {@code bin/tern} as a process (bound to the integration-test phase, after
 * {@code package} has built {@code target/tern/}).
 */
class TernProcessIT {

    @TempDir
    Path tmp;

    private Path distDir;

    @BeforeEach
    void findDistribution() {
        String configured = System.getProperty("tern.dist.dir");
        distDir = Path.of(configured == null ? "target/tern" : configured);
        // In the integration-test phase (property set by the pom) the package must be there; run from an IDE, skip.
        Assumptions.assumeTrue(configured != null || Files.isExecutable(distDir.resolve("bin/tern")),
                "no unpacked distribution at " + distDir + " (run mvn package first)");
        assertThat(distDir.resolve("bin/tern")).isExecutable();
    }

    @Test
    void layoutHasLauncherJarsConfigAndTarball() throws IOException {
        assertThat(distDir.resolve("conf/tern.properties")).exists();
        try (Stream<Path> jars = Files.list(distDir.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("tern-dist-"))
                    .anyMatch(n -> n.startsWith("h2-"))
                    .allMatch(n -> n.endsWith(".jar"));
        }
        try (Stream<Path> files = Files.list(distDir.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("tern-.+\\.tar\\.gz"));
        }
    }

    @Test
    void badConfigurationExitsOneWithOneLine() throws Exception {
        Process p = tern(List.of("serve", "--set", "data.dir=" + tmp.resolve("data"), "--set", "no.such.key=1"));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        List<String> err = Files.readAllLines(tmp.resolve("stderr.txt"));
        assertThat(err).hasSize(1);
        assertThat(err.get(0)).contains("no.such.key");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void serveAnswersHealthAndStopsCleanlyOnSigterm() throws Exception {
        Path config = tmp.resolve("tern.properties");
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : TestServers.ephemeral(tmp.resolve("data")).entrySet()) {
            text.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        Files.writeString(config, text);
        Process p = tern(List.of("serve", "--config", config.toString()));
        try {
            Path serverJson = tmp.resolve("data/run/server.json");
            awaitFileOrExit(serverJson, p);
            String json = Files.readString(serverJson);
            assertThat(json).contains("\"pid\":" + p.pid());
            Matcher url = Pattern.compile("\"url\":\"([^\"]+)\"").matcher(json);
            assertThat(url.find()).isTrue();

            HttpResponse<String> health = TestServers.get(url.group(1) + "/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"up\"");
            HttpResponse<String> metrics = TestServers.get(url.group(1) + "/metrics", null);
            assertThat(PrometheusFormat.badLines(metrics.body())).isEmpty();
            assertThat(metrics.body()).contains("tern_queue_depth", "jvm_memory_used_bytes");

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
            assertThat(serverJson).doesNotExist();
            String out = Files.readString(tmp.resolve("stdout.txt"));
            for (String name : ProtocolServices.LISTENERS) {
                assertThat(out).containsPattern("listener=" + name + " address=127\\.0\\.0\\.1:\\d+");
            }
            assertThat(out).contains("tern stopped");
        } finally {
            p.destroyForcibly();
        }
    }

    private Process tern(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(distDir.resolve("bin/tern").toAbsolutePath().toString());
        command.addAll(args);
        return new ProcessBuilder(command)
                .directory(tmp.toFile())
                .redirectOutput(tmp.resolve("stdout.txt").toFile())
                .redirectError(tmp.resolve("stderr.txt").toFile())
                .start();
    }

    private void awaitFileOrExit(Path file, Process p) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!Files.exists(file)) {
            if (!p.isAlive()) {
                String err = Files.readString(tmp.resolve("stderr.txt"));
                throw new AssertionError("tern serve exited with " + p.exitValue() + ": " + err
                        + Files.readString(tmp.resolve("stdout.txt")));
            }
            assertThat(Instant.now()).as("server.json within 90 s").isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
