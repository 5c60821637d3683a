package org.tern.admin.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.tern.admin.api.AdminJson;
import org.tern.admin.service.VersionInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tern version}: this program's version, and the server's when one is reachable (named by --server or
 * running on the data folder). Never opens the store.
 */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Show the version of tern (and of the running server).")
final class VersionCommand extends AdminCommandSupport implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    VersionCommand(GlobalOptions globals) {
        super(globals);
    }

    @Override
    public Integer call() {
        checkTargetOptions();
        VersionInfo local = VersionInfo.current();
        Optional<VersionInfo> server;
        try {
            server = serverVersion();
        } catch (Exception e) {
            printLocal(local, Optional.empty());
            return fail(e);
        }
        printLocal(local, server);
        return OK;
    }

    private Optional<VersionInfo> serverVersion() throws Exception {
        try (AdminConnection c = AdminConnector.connectOnlineOnly(globals).orElse(null)) {
            return c == null ? Optional.empty() : Optional.of(c.service().version());
        }
    }

    private void printLocal(VersionInfo local, Optional<VersionInfo> server) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>(AdminJson.version(local));
            m.put("server", server.map(AdminJson::version).orElse(null));
            printJson(m);
        } else {
            out().println("tern " + local.version() + " (Java " + local.java() + ")");
            server.ifPresent(v -> out().println("server " + v.version() + " (Java " + v.java() + ")"));
        }
        out().flush();
    }
}
