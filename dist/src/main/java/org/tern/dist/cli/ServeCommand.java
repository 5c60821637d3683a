package org.tern.dist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.tern.core.config.ConfigException;
import org.tern.core.config.TernConfig;
import org.tern.core.net.ListenerStartException;
import org.tern.dist.StartupException;
import org.tern.dist.TernServer;
import org.tern.store.MailStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tern serve}: runs the server in the foreground until SIGTERM/SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the mail server in the foreground until stopped (SIGTERM or Ctrl-C).")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--dev", description = "Development mode: 127.0.0.1 on ports 2525, 2587, 2465, 2143, 2993, "
            + "2110, 2995 and http 8080, data in ./data, domain 'localhost' created if none exists.")
    private boolean dev;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: conf/tern.properties of the installation).")
    private Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key; repeatable; wins over the file and --dev.")
    private List<String> assignments = new ArrayList<>();

    private final Optional<Path> defaultConfigFile;
    private final ServerLauncher launcher;

    /** How the command starts a server and waits for it; tests replace the waiting. */
    public interface ServerLauncher {
        void run(TernServer server) throws InterruptedException;
    }

    public ServeCommand(Optional<Path> defaultConfigFile, ServerLauncher launcher) {
        this.defaultConfigFile = defaultConfigFile;
        this.launcher = launcher;
    }

    /** Runs until the JVM is asked to stop; the shutdown hook performs the clean shutdown. */
    public static ServerLauncher untilSignalled() {
        return server -> {
            Thread hook = new Thread(server::stop, "tern-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            server.awaitStopped();
        };
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        TernServer server;
        try {
            TernConfig config = ConfigLayers.load(Optional.ofNullable(configFile), defaultConfigFile, dev, assignments);
            server = TernServer.start(config, dev);
        } catch (ConfigException | ListenerStartException | MailStoreException | StartupException e) {
            return fail(err, e.getMessage());
        } catch (RuntimeException e) {
            log.error("start-up failed", e);
            return fail(err, "start-up failed: " + e);
        }
        launcher.run(server);
        return 0;
    }

    /** One line on stderr, exit code 1 (a library's multi-line message is cut to its first line). */
    private static int fail(PrintWriter err, String message) {
        String line = message == null ? "unknown error" : message.strip().lines().findFirst().orElse("unknown error");
        err.println("tern: " + line);
        err.flush();
        return 1;
    }
}
