package org.tern.dist;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.tern.admin.cli.AdminCommands;
import org.tern.admin.cli.AdminEnvironment;
import org.tern.core.config.ConfigException;
import org.tern.core.config.TernConfig;
import org.tern.dist.cli.ServeCommand;
import org.tern.dist.cli.TernCommand;
import picocli.CommandLine;

/** Entry point of {@code bin/tern}: the picocli root command {@code tern} and its subcommands. */
public final class TernMain {

    /** Set by {@code bin/tern} to the installation folder (the one holding bin/, lib/, conf/). */
    public static final String HOME_PROPERTY = "tern.home";

    /** Root log level used by conf/logback.xml (INFO unless set). */
    static final String LOG_LEVEL_PROPERTY = "tern.log.level";

    /** Console stream used by conf/logback.xml (System.out unless set). */
    static final String LOG_TARGET_PROPERTY = "tern.log.target";

    private TernMain() {
    }

    public static void main(String[] args) {
        if (!List.of(args).contains("serve")) {
            // Before the first logger exists: conf/logback.xml reads this, so admin output stays clean.
            System.setProperty(LOG_LEVEL_PROPERTY, "WARN");
            // Warnings go to stderr so a table or --json on stdout stays parseable.
            System.setProperty(LOG_TARGET_PROPERTY, "System.err");
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(defaultConfigFile(), ServeCommand.untilSignalled(), out, err).execute(args);
        System.exit(code);
    }

    /** The full command tree, with output going to {@code out}/{@code err} (tests capture them). */
    public static CommandLine commandLine(Optional<Path> defaultConfigFile, ServeCommand.ServerLauncher launcher,
                                          PrintWriter out, PrintWriter err) {
        CommandLine root = new CommandLine(new TernCommand());
        root.addSubcommand("serve", new ServeCommand(defaultConfigFile, launcher));
        AdminCommands.register(root, adminEnvironment(defaultConfigFile));
        root.setOut(out);
        root.setErr(err);
        return root;
    }

    /**
     * The admin commands' process environment. Their default data folder is {@code data.dir} of the
     * installation's config file when that folder exists (an installed server: no {@code --data} needed),
     * else the admin default ({@code -Dtern.data}, else {@code ./data}, where {@code serve --dev} keeps it).
     */
    static AdminEnvironment adminEnvironment(Optional<Path> defaultConfigFile) {
        AdminEnvironment system = AdminEnvironment.system();
        if (System.getProperty(AdminEnvironment.DATA_PROPERTY) != null) {
            return system;
        }
        Optional<Path> dataDir = defaultConfigFile.filter(Files::isRegularFile).flatMap(TernMain::dataDirOf)
                .filter(Files::isDirectory);
        return dataDir.map(d -> new AdminEnvironment(system.stdin(), system.terminal(), system.storeOpener(), d))
                .orElse(system);
    }

    private static Optional<Path> dataDirOf(Path configFile) {
        try {
            return Optional.of(TernConfig.of(TernConfig.readFile(configFile)).dataDir());
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    /** {@code <tern.home>/conf/tern.properties}, when bin/tern told us where we are installed. */
    static Optional<Path> defaultConfigFile() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Path.of(home, "conf", "tern.properties"));
    }
}
