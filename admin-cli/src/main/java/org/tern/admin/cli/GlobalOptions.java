package org.tern.admin.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code tern [--data DIR | --server URL [--token-file F]]}: where the admin commands act. */
public final class GlobalOptions {

    /** The name under which these options are mixed into the root command. */
    public static final String MIXIN_NAME = "tern-admin-target";

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder (default: the tern.data system property, else ./data). While a server runs"
                    + " on it (run/server.json), commands go through its admin API; otherwise the folder is"
                    + " opened directly.")
    Path data;

    @Option(names = "--server", paramLabel = "URL",
            description = "Admin API of a running server, e.g. http://127.0.0.1:8080.")
    String server;

    @Option(names = "--token-file", paramLabel = "F",
            description = "File holding the admin API token (default: <data>/admin.token).")
    Path tokenFile;

    private final AdminEnvironment environment;

    GlobalOptions(AdminEnvironment environment) {
        this.environment = environment;
    }

    AdminEnvironment environment() {
        return environment;
    }

    Path dataDir() {
        return data != null ? data : environment.defaultDataDir();
    }
}
