package org.tern.store;

import io.micrometer.core.instrument.MeterRegistry;
import org.tern.store.jdbc.JdbcMailStore;

/** Opens the default store (H2 + file blob store), migrating the schema with Flyway. */
public final class MailStores {

    private MailStores() {
    }

    /** Opens (creating and migrating if needed) the store in {@code config.dataDir()}; timers go to {@code registry}. */
    public static MailStore open(MailStoreConfig config, MeterRegistry registry) {
        return JdbcMailStore.open(config, registry);
    }
}
