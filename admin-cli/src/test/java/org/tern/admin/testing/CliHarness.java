package org.tern.admin.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.tern.admin.api.AdminApiHandler;
import org.tern.admin.api.AdminToken;
import org.tern.admin.api.ServerInfoFile;
import org.tern.admin.cli.AdminCli;
import org.tern.admin.cli.AdminEnvironment;
import org.tern.admin.cli.StoreOpener;
import org.tern.admin.service.ListenerInfo;
import org.tern.admin.service.LocalAdminService;
import org.tern.admin.service.ServerRuntime;
import org.tern.store.MailStore;

import com.sun.net.httpserver.HttpServer;

import picocli.CommandLine;

/**
 * Runs {@code tern} commands in-process through {@link CommandLine#execute} over one of three transports:
 * OFFLINE (--data, store opened by the CLI), ONLINE (--server with --token-file, an HttpServer with the admin
 * API over the store) and DISCOVERED (--data, found the server through run/server.json).
 */
public final class CliHarness implements AutoCloseable {

    public enum Transport { OFFLINE, ONLINE, DISCOVERED }

    /** Exit code and captured output of one command. */
    public record Result(int exit, String out, String err) {

        public List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }

        @Override
        public String toString() {
            return "exit=" + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    public static final String TOKEN = "test-token-0123456789abcdef";

    private final Transport transport;
    private final Path dataDir;
    private final ScriptedTerminal terminal = new ScriptedTerminal();
    private MailStore serverStore;
    private HttpServer server;
    private ExecutorService executor;
    private Path tokenFile;
    private String url;

    private CliHarness(Transport transport, Path dataDir) {
        this.transport = transport;
        this.dataDir = dataDir;
    }

    public static CliHarness start(Transport transport, Path tempDir) throws IOException {
        CliHarness h = new CliHarness(transport, tempDir.resolve("data"));
        Files.createDirectories(h.dataDir);
        if (transport != Transport.OFFLINE) {
            h.startServer(tempDir);
        }
        return h;
    }

    private void startServer(Path tempDir) throws IOException {
        serverStore = TestStores.open(dataDir);
        Instant started = Instant.now().minusSeconds(3725);
        ServerRuntime runtime = new ServerRuntime() {
            @Override
            public Instant started() {
                return started;
            }

            @Override
            public List<ListenerInfo> listeners() {
                return List.of(new ListenerInfo("smtp", "127.0.0.1:2525", true),
                        new ListenerInfo("imap", "127.0.0.1:2143", true));
            }
        };
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", new AdminApiHandler(new LocalAdminService(serverStore, runtime), TOKEN));
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        if (transport == Transport.ONLINE) {
            tokenFile = tempDir.resolve("token-elsewhere");
            Files.writeString(tokenFile, TOKEN + "\n");
        } else {
            Files.writeString(AdminToken.file(dataDir), TOKEN + "\n");
            ServerInfoFile.writeForCurrentProcess(dataDir, url, started);
        }
    }

    public Transport transport() {
        return transport;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String url() {
        return url;
    }

    public ScriptedTerminal terminal() {
        return terminal;
    }

    /** Runs {@code tern <target options> args...} with empty standard input. */
    public Result run(String... args) {
        return runWithStdin("", args);
    }

    public Result runWithStdin(String stdin, String... args) {
        List<String> all = new ArrayList<>(targetOptions());
        all.addAll(List.of(args));
        return runRaw(stdin, all.toArray(String[]::new));
    }

    /** Runs exactly {@code args} (no target options added). */
    public Result runRaw(String stdin, String... args) {
        StoreOpener opener = transport == Transport.OFFLINE ? TestStores::open : dir -> {
            throw new AssertionError("the CLI opened the store while a server runs");
        };
        AdminEnvironment env = new AdminEnvironment(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), terminal, opener, dataDir);
        CommandLine cli = AdminCli.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private List<String> targetOptions() {
        return switch (transport) {
            case OFFLINE, DISCOVERED -> List.of("--data", dataDir.toString());
            case ONLINE -> List.of("--server", url, "--token-file", tokenFile.toString());
        };
    }

    /** Gives the test the store: the server's while one runs, else opened (and closed) for the call. */
    public <T> T withStore(StoreAction<T> action) throws Exception {
        if (serverStore != null) {
            return action.apply(serverStore);
        }
        try (MailStore store = TestStores.open(dataDir)) {
            return action.apply(store);
        }
    }

    /** Something done with the store. */
    @FunctionalInterface
    public interface StoreAction<T> {
        T apply(MailStore store) throws Exception;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
        if (serverStore != null) {
            serverStore.close();
        }
    }
}
