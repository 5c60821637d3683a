package org.tern.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tern serve} through picocli: start-up errors give exit 1 and one line on stderr naming the problem. */
class ServeCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicReference<TernServer> started = new AtomicReference<>();

    private int serve(String... args) {
        List<String> all = new ArrayList<>(List.of("serve"));
        all.addAll(List.of(args));
        return TernMain.commandLine(Optional.empty(), started::set, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    private String dataDir() {
        return "data.dir=" + tmp.resolve("data");
    }

    @Test
    void unknownKeyStopsStartUpWithOneLineNamingIt() {
        int code = serve("--set", dataDir(), "--set", "smtp.lisen=127.0.0.1:0");
        assertThat(code).isEqualTo(1);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).contains("smtp.lisen");
        assertThat(tmp.resolve("data")).doesNotExist();
        assertThat(started.get()).isNull();
    }

    @Test
    void unknownKeyInTheFileIsNamedToo() throws Exception {
        Path file = tmp.resolve("tern.properties");
        Files.writeString(file, "data.dir=" + tmp.resolve("data") + "\nmessage.maxbytes=10M\n");
        assertThat(serve("--config", file.toString())).isEqualTo(1);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).contains("message.maxbytes");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void malformedListenAddressNamesTheKey() {
        assertThat(serve("--dev", "--set", dataDir(), "--set", "smtp.listen=nonsense")).isEqualTo(1);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).contains("smtp.listen").contains("nonsense");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void malformedSizeNamesTheKey() {
        assertThat(serve("--set", dataDir(), "--set", "message.max-bytes=lots")).isEqualTo(1);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).contains("message.max-bytes").contains("lots");
    }

    @Test
    void malformedDurationAndBooleanNameTheirKeys() {
        assertThat(serve("--set", dataDir(), "--set", "smtp.idle-timeout=soon")).isEqualTo(1);
        assertThat(err.toString()).contains("smtp.idle-timeout");
        err.getBuffer().setLength(0);
        assertThat(serve("--set", dataDir(), "--set", "pop3.retr-sets-seen=maybe")).isEqualTo(1);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).contains("pop3.retr-sets-seen");
    }

    @Test
    void zeroExecutorThreadsNamesTheKey() {
        assertThat(serve("--set", dataDir(), "--set", "executor.threads=0")).isEqualTo(1);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).contains("executor.threads");
    }

    @Test
    void aBlobGraceShorterThanAMinuteNamesTheKey() {
        assertThat(serve("--set", dataDir(), "--set", "store.blob-gc-grace=5s")).isEqualTo(1);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).contains("store.blob-gc-grace");
    }

    @Test
    void missingConfigFileIsOneLine() {
        assertThat(serve("--config", tmp.resolve("nope.properties").toString())).isEqualTo(1);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).contains("nope.properties");
    }

    @Test
    void setWithoutEqualsIsOneLine() {
        assertThat(serve("--set", "hostname")).isEqualTo(1);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).contains("key=value");
    }

    @Test
    void storeThatCannotOpenIsOneLine() throws Exception {
        Path notAFolder = tmp.resolve("file");
        Files.writeString(notAFolder, "x");
        assertThat(serve("--set", "data.dir=" + notAFolder.resolve("data"))).isEqualTo(1);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).startsWith("tern: cannot create data folder");
    }

    @Test
    void portInUseNamesTheListenerAndTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<String> args = new ArrayList<>();
            for (Map.Entry<String, String> e : TestServers.ephemeral(tmp.resolve("data")).entrySet()) {
                args.add("--set");
                args.add(e.getKey() + "=" + e.getValue());
            }
            args.add("--set");
            args.add("imap.listen=127.0.0.1:" + taken.getLocalPort());
            int code;
            try {
                code = serve(args.toArray(String[]::new));
            } finally {
                if (started.get() != null) {
                    started.get().stop();
                }
            }
            assertThat(code).isEqualTo(1);
            assertThat(errLines()).hasSize(1);
            assertThat(errLines().get(0)).contains("imap").contains("127.0.0.1:" + taken.getLocalPort());
            assertThat(tmp.resolve("data/run/server.json")).doesNotExist();
        }
    }
}
