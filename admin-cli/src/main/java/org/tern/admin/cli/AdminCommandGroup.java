package org.tern.admin.cli;

import picocli.CommandLine.ParameterException;

/** A command whose work is in its subcommands; run alone it is a usage error (exit 2). */
abstract class AdminCommandGroup extends AdminCommandSupport implements Runnable {

    AdminCommandGroup(GlobalOptions globals) {
        super(globals);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
