package org.tern.admin.cli;

import java.io.InputStream;
import java.nio.file.Path;

import org.tern.store.MailStoreConfig;
import org.tern.store.MailStores;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the admin commands take from the process: standard input (for {@code --password-stdin}), the terminal,
 * how to open a store, and the default data folder. {@link #system()} in production; tests pass their own.
 */
public record AdminEnvironment(InputStream stdin, Terminal terminal, StoreOpener storeOpener, Path defaultDataDir) {

    /** System property naming the default data folder (bin/tern sets it from the configuration). */
    public static final String DATA_PROPERTY = "tern.data";

    /** The real process: System.in, System.console(), the production store, {@code -Dtern.data} or {@code ./data}. */
    public static AdminEnvironment system() {
        String data = System.getProperty(DATA_PROPERTY);
        Path dataDir = Path.of(data == null || data.isBlank() ? "data" : data);
        return new AdminEnvironment(System.in, Terminal.system(),
                dir -> MailStores.open(MailStoreConfig.defaults(dir), new SimpleMeterRegistry()), dataDir);
    }
}
