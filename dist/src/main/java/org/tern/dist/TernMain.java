package org.tern.dist;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.tern.dist.cli.ServeCommand;
import org.tern.dist.cli.TernCommand;
import picocli.CommandLine;

/** Entry point of {@code bin/tern}: the picocli root command {@code tern} and its subcommands. */
public final class TernMain {

    /** Set by {@code bin/tern} to the installation folder (the one holding bin/, lib/, conf/). */
    public static final String HOME_PROPERTY = "tern.home";

    /** Root log level used by conf/logback.xml (INFO unless set). */
    static final String LOG_LEVEL_PROPERTY = "tern.log.level";

    private TernMain() {
    }

    public static void main(String[] args) {
        if (!List.of(args).contains("serve")) {
            // Before the first logger exists: conf/logback.xml reads this, so admin output stays clean.
            System.setProperty(LOG_LEVEL_PROPERTY, "WARN");
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
        // ADMIN-CLI: when org.tern.admin.cli.AdminCommands is on main, register its subcommands (domain, user,
        // alias, mailbox, queue, status, version) and global options here:
        //     AdminCommands.register(root);
        root.setOut(out);
        root.setErr(err);
        return root;
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
