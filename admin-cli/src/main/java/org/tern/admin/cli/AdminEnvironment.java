package org.tern.admin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

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

    /** System property naming the installation folder (set by bin/tern). */
    public static final String HOME_PROPERTY = "tern.home";

    /** The real process: System.in, System.console(), the production store and {@link #configuredDataDir()}. */
    public static AdminEnvironment system() {
        return new AdminEnvironment(System.in, Terminal.system(),
                dir -> MailStores.open(MailStoreConfig.defaults(dir), new SimpleMeterRegistry()), configuredDataDir());
    }

    /**
     * The data folder when --data is not given: the {@code tern.data} system property; else {@code data.dir} of
     * {@code <tern.home>/conf/tern.properties} (the file {@code tern serve} reads by default) when that folder
     * exists; else {@code ./data}.
     */
    public static Path configuredDataDir() {
        String data = System.getProperty(DATA_PROPERTY);
        if (data != null && !data.isBlank()) {
            return Path.of(data);
        }
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            Path conf = Path.of(home, "conf", "tern.properties");
            if (Files.isRegularFile(conf)) {
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(conf, StandardCharsets.UTF_8)) {
                    p.load(in);
                    String dir = p.getProperty("data.dir", "").strip();
                    // only an existing folder: an installed server's; else ./data of `serve --dev`
                    if (!dir.isEmpty() && Files.isDirectory(Path.of(dir))) {
                        return Path.of(dir);
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // fall back to ./data; --data is always there
                }
            }
        }
        return Path.of("data");
    }
}
