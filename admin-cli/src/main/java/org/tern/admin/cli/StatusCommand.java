package org.tern.admin.cli;

import java.util.concurrent.Callable;

import org.tern.admin.api.AdminJson;
import org.tern.admin.service.ListenerInfo;
import org.tern.admin.service.QuotaSize;
import org.tern.admin.service.ServerStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tern status}: listeners, uptime, accounts, messages, queue depth, store size. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the server's listeners and uptime, and the store's accounts, messages, queue and size.")
final class StatusCommand extends AdminCommandSupport implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    StatusCommand(GlobalOptions globals) {
        super(globals);
    }

    @Override
    public Integer call() {
        return admin(s -> {
            ServerStatus st = s.status();
            if (json) {
                printJson(AdminJson.status(st));
                return;
            }
            Table t = new Table("Server:", st.running()
                    ? "running since " + time(st.started()) + " (up " + duration(st.uptimeSeconds()) + ")"
                    : "not running (data folder opened directly)");
            t.row("Version:", st.version());
            t.row("Domains:", st.domains());
            t.row("Accounts:", st.accounts());
            t.row("Messages:", st.messages());
            t.row("Queue:", st.queueEntries() + (st.queueEntries() == 0 ? ""
                    : " (oldest " + duration(st.queueOldestAgeSeconds()) + ")"));
            t.row("Store size:", QuotaSize.format(st.storeBytes()));
            t.print(out());
            if (!st.listeners().isEmpty()) {
                out().println();
                Table l = new Table("LISTENER", "ADDRESS", "STATE");
                for (ListenerInfo li : st.listeners()) {
                    l.row(li.name(), li.address(), li.up() ? "up" : "DOWN");
                }
                l.print(out());
            }
        });
    }
}
