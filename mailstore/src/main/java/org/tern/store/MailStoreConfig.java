package org.tern.store;

import java.nio.file.Path;

/**
 * How to open the store: the data folder ({@code db/} and {@code blobs/} inside it) and the Argon2id cost.
 * Production uses {@link #defaults}; tests may lower the hashing cost with {@link #forTests}.
 */
public record MailStoreConfig(Path dataDir, int argon2MemoryKiB, int argon2Iterations) {

    public static MailStoreConfig defaults(Path dataDir) {
        return new MailStoreConfig(dataDir, 19 * 1024, 2);
    }

    /** Cheap hashing so tests that log in many times stay fast; never for production. */
    public static MailStoreConfig forTests(Path dataDir) {
        return new MailStoreConfig(dataDir, 64, 1);
    }
}
