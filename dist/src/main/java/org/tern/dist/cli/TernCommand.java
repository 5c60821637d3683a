package org.tern.dist.cli;

import picocli.CommandLine.Command;

/** The root {@code tern} command; its subcommands are registered by {@link org.tern.dist.TernMain}. */
@Command(name = "tern", mixinStandardHelpOptions = true, versionProvider = TernVersion.class,
        description = "Tern mail server: SMTP, IMAP and POP3 over one transactional mailstore.")
public final class TernCommand {
}
