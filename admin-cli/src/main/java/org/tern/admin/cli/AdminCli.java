package org.tern.admin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The admin commands on their own ({@code tern} without {@code serve}): for tests and for running the admin
 * jar directly. The distribution's {@code tern} root command registers the same commands via {@link AdminCommands}.
 */
@Command(name = "tern", mixinStandardHelpOptions = true,
        description = "Administer a Tern mail server: online through its admin API, or offline on its data folder.")
public final class AdminCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** A ready-to-execute command line using {@code environment}. */
    public static CommandLine commandLine(AdminEnvironment environment) {
        CommandLine root = new CommandLine(new AdminCli());
        AdminCommands.register(root, environment);
        return root;
    }

    public static void main(String[] args) {
        if (System.getProperty("tern.log.level") == null) {
            // conf/logback.xml reads it: keep tables and JSON free of INFO lines, as bin/tern does
            System.setProperty("tern.log.level", "WARN");
        }
        System.exit(commandLine(AdminEnvironment.system()).execute(args));
    }
}
