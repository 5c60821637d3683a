package org.tern.admin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Adds the admin commands (domain, user, alias, mailbox, queue, status, version) and the global options
 * {@code --data}, {@code --server}, {@code --token-file} to the {@code tern} root command.
 */
public final class AdminCommands {

    private AdminCommands() {
    }

    /** For the real process (System.in, the console, the production store). */
    public static void register(CommandLine root) {
        register(root, AdminEnvironment.system());
    }

    public static void register(CommandLine root, AdminEnvironment environment) {
        GlobalOptions globals = new GlobalOptions(environment);
        root.getCommandSpec().addMixin(GlobalOptions.MIXIN_NAME, CommandSpec.forAnnotatedObject(globals));
        root.addSubcommand("domain", new DomainCommand(globals));
        root.addSubcommand("user", new UserCommand(globals));
        root.addSubcommand("alias", new AliasCommand(globals));
        root.addSubcommand("mailbox", new MailboxCommand(globals));
        root.addSubcommand("queue", new QueueCommand(globals));
        root.addSubcommand("status", new StatusCommand(globals));
        root.addSubcommand("version", new VersionCommand(globals));
    }
}
