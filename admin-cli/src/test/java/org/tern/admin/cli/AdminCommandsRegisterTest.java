package org.tern.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.admin.testing.ScriptedTerminal;
import org.tern.admin.testing.TestStores;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The commands registered on someone else's root command, as dist's {@code tern} does. */
class AdminCommandsRegisterTest {

    @Command(name = "tern", mixinStandardHelpOptions = true)
    static final class ForeignRoot {
    }

    @Command(name = "serve")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Option(names = "--dev")
        boolean dev;

        @Override
        public Integer call() {
            return dev ? 42 : 0;
        }
    }

    @TempDir
    Path temp;

    @Test
    void addsSubcommandsAndGlobalOptionsBesideServe() {
        CommandLine root = new CommandLine(new ForeignRoot());
        root.addSubcommand("serve", new Serve());
        AdminCommands.register(root, new AdminEnvironment(new ByteArrayInputStream(new byte[0]),
                new ScriptedTerminal(), TestStores::open, temp.resolve("default-data")));
        StringWriter out = new StringWriter();
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(new StringWriter(), true));

        assertThat(root.getSubcommands().keySet())
                .contains("serve", "domain", "user", "alias", "mailbox", "queue", "status", "version");
        assertThat(root.execute("serve", "--dev")).isEqualTo(42);
        assertThat(root.execute("--data", temp.resolve("d").toString(), "domain", "add", "example.org")).isZero();
        assertThat(out.toString()).contains("Added domain example.org");
        // without --data, the environment's default folder (empty) is used
        out.getBuffer().setLength(0);
        assertThat(root.execute("domain", "list")).isZero();
        assertThat(out.toString()).startsWith("DOMAIN").doesNotContain("example.org");

        out.getBuffer().setLength(0);
        root.execute("--help");
        assertThat(out.toString()).contains("--data=DIR").contains("--server=URL").contains("--token-file=F")
                .contains("domain").contains("queue");
    }
}
