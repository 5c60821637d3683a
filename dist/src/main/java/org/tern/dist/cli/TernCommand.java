package org.tern.dist.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root {@code tern} command; its subcommands are registered by {@link org.tern.dist.TernMain}. */
@Command(name = "tern", mixinStandardHelpOptions = true, versionProvider = TernVersion.class,
        description = "Tern mail server: SMTP, IMAP and POP3 over one transactional mailstore.")
public final class TernCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** {@code tern} alone is a usage error (exit 2) that lists the commands. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
