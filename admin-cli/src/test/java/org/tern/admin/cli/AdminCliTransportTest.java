package org.tern.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.admin.api.AdminToken;
import org.tern.admin.api.ServerInfoFile;
import org.tern.admin.testing.CliHarness;
import org.tern.admin.testing.CliHarness.Result;
import org.tern.admin.testing.CliHarness.Transport;

/** How the CLI picks and reports its transport: unreachable servers, wrong tokens, stale run files. */
class AdminCliTransportTest {

    @TempDir
    Path temp;

    private CliHarness tern;

    @AfterEach
    void stop() {
        if (tern != null) {
            tern.close();
        }
    }

    private static void failedWithOneLine(Result r, String fragment) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("tern: ").contains(fragment);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void serverUnreachableFailsWithOneLine() throws Exception {
        tern = CliHarness.start(Transport.OFFLINE, temp);
        Path token = Files.writeString(temp.resolve("token"), "x\n");
        String url = "http://127.0.0.1:" + closedPort();
        failedWithOneLine(tern.runRaw("", "--server", url, "--token-file", token.toString(), "domain", "add",
                "example.org"), "cannot reach the Tern server at " + url);
        Result version = tern.runRaw("", "--server", url, "--token-file", token.toString(), "version");
        assertThat(version.exit()).isEqualTo(1);
        assertThat(version.out()).startsWith("tern "); // the local version is still shown
        assertThat(version.errLines()).hasSize(1).allMatch(l -> l.startsWith("tern: cannot reach"));
        // nothing was created anywhere
        assertThat(tern.runRaw("", "--data", tern.dataDir().toString(), "domain", "list").out())
                .doesNotContain("example.org");
    }

    @Test
    void wrongTokenIsRefusedAndChangesNothing() throws Exception {
        tern = CliHarness.start(Transport.ONLINE, temp);
        Path wrong = Files.writeString(temp.resolve("wrong-token"), "not-the-token\n");
        failedWithOneLine(tern.runRaw("", "--server", tern.url(), "--token-file", wrong.toString(),
                "domain", "add", "example.org"), "refused the admin token");
        assertThat(tern.run("domain", "list").out()).doesNotContain("example.org");
    }

    @Test
    void missingTokenFileIsOneClearLine() throws Exception {
        tern = CliHarness.start(Transport.ONLINE, temp);
        failedWithOneLine(tern.runRaw("", "--server", tern.url(), "--token-file", temp.resolve("absent").toString(),
                "domain", "list"), "does not exist");
    }

    @Test
    void dataAndServerTogetherIsAUsageError() throws Exception {
        tern = CliHarness.start(Transport.OFFLINE, temp);
        Result r = tern.runRaw("", "--data", tern.dataDir().toString(), "--server", "http://127.0.0.1:1",
                "domain", "list");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--data and --server cannot be used together");
    }

    @Test
    void liveServerFileSendsCommandsThroughTheApi() throws Exception {
        tern = CliHarness.start(Transport.DISCOVERED, temp); // the store is held by the "server"; opening it fails the test
        assertThat(tern.run("domain", "add", "example.org").exit()).isZero();
        Result user = tern.runWithStdin("long enough password\n", "user", "add", "alice@example.org",
                "--password-stdin");
        assertThat(user.exit()).as(user.toString()).isZero();
        assertThat(tern.run("user", "list").out()).contains("alice@example.org");
        assertThat(tern.run("status").out()).contains("running since").contains("LISTENER");
        assertThat(tern.run("version").out()).contains("\nserver ");
        Result bad = tern.run("domain", "remove", "example.org");
        failedWithOneLine(bad, "1 user");
    }

    @Test
    void staleServerFileIsIgnored() throws Exception {
        tern = CliHarness.start(Transport.OFFLINE, temp);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path run = ServerInfoFile.path(tern.dataDir());
        Files.createDirectories(run.getParent());
        Files.writeString(run, "{\"pid\":" + gone.pid() + ",\"url\":\"http://127.0.0.1:1\",\"started\":\""
                + Instant.now() + "\"}");
        Result r = tern.run("domain", "add", "example.org");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(tern.run("status").out()).contains("not running");
    }

    @Test
    void liveServerWithoutHttpIsExplained() throws Exception {
        tern = CliHarness.start(Transport.OFFLINE, temp);
        Path run = ServerInfoFile.path(tern.dataDir());
        Files.createDirectories(run.getParent());
        Files.writeString(run, "{\"pid\":" + ProcessHandle.current().pid() + ",\"url\":null,\"started\":\""
                + Instant.now() + "\"}\n");
        failedWithOneLine(tern.run("domain", "list"), "without its HTTP listener");
    }

    @Test
    void liveServerFileWithoutTokenFailsInsteadOfOpeningTheStore() throws Exception {
        tern = CliHarness.start(Transport.DISCOVERED, temp);
        Files.delete(AdminToken.file(tern.dataDir()));
        failedWithOneLine(tern.run("domain", "list"), "admin token");
    }
}
