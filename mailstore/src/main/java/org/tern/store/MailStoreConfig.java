package org.tern.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open the store: the data folder ({@code db/} and {@code blobs/} inside it), the Argon2id cost and the
 * garbage collection of unreferenced bodies. Production uses {@link #defaults}; tests may lower the hashing cost
 * with {@link #forTests}.
 */
public record MailStoreConfig(Path dataDir, int argon2MemoryKiB, int argon2Iterations, BlobGc blobGc) {

    public MailStoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(blobGc, "blobGc");
    }

    /** With the default body garbage collection. */
    public MailStoreConfig(Path dataDir, int argon2MemoryKiB, int argon2Iterations) {
        this(dataDir, argon2MemoryKiB, argon2Iterations, BlobGc.DEFAULTS);
    }

    public static MailStoreConfig defaults(Path dataDir) {
        return new MailStoreConfig(dataDir, 19 * 1024, 2);
    }

    /** Cheap hashing so tests that log in many times stay fast; never for production. */
    public static MailStoreConfig forTests(Path dataDir) {
        return new MailStoreConfig(dataDir, 64, 1);
    }

    public MailStoreConfig withBlobGc(BlobGc gc) {
        return new MailStoreConfig(dataDir, argon2MemoryKiB, argon2Iterations, gc);
    }

    /**
     * Garbage collection of message bodies no row refers to any more.
     *
     * @param interval       how often recorded candidates are collected; {@link Duration#ZERO} runs no background
     *                       collector at all (bodies are then never deleted)
     * @param grace          how long a body stays unreferenced before it may be deleted (covers readers and
     *                       copies that still hold its id)
     * @param scanPeriod     how often the slow full scan looks for unreferenced bodies never recorded (a crash
     *                       between writing a body and committing its row)
     * @param firstScanDelay when the first full scan runs after the store opens
     */
    public record BlobGc(Duration interval, Duration grace, Duration scanPeriod, Duration firstScanDelay) {

        public static final BlobGc DEFAULTS = new BlobGc(Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofDays(1), Duration.ofMinutes(10));

        public BlobGc {
            for (Duration d : new Duration[] {interval, grace, scanPeriod, firstScanDelay}) {
                if (d == null || d.isNegative()) {
                    throw new IllegalArgumentException("blob gc durations must be present and not negative");
                }
            }
            if (scanPeriod.isZero()) {
                throw new IllegalArgumentException("blob gc scan period must be positive");
            }
        }

        public boolean enabled() {
            return !interval.isZero();
        }
    }
}
