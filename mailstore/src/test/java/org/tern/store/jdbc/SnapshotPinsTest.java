package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.MailStoreConfig;

class SnapshotPinsTest {

    private static final int ROWS = 20_000;

    @TempDir
    Path dir;

    /**
     * A read stops after a few rows of a lazy query while other transactions rewrite every row many times, durably.
     * H2 ended the query's own version usage when it started, and with the retention time at 0 (so that chunks need
     * not be 45 s old to be freed) the chunks holding the rows not yet read are freed meanwhile unless the read
     * transaction pins them: without {@link SnapshotPins} the rest of the read fails with "Chunk n not found".
     * Afterwards the pin must be gone: H2's oldest version to keep moves on with the next durable writes.
     */
    @Test
    void aLazyReadSeesItsWholeSnapshotWhileWritersReplaceIt() throws Exception {
        try (JdbcMailStore store = JdbcMailStore.open(MailStoreConfig.forTests(dir), new SimpleMeterRegistry(),
                StoreCompactor.Settings.OFF)) {
            Database db = store.database();
            db.write("setup", tx -> {
                tx.update("SET RETENTION_TIME 0");
                tx.update("CREATE TABLE probe(id INT PRIMARY KEY, v VARCHAR(200))");
                tx.update("INSERT INTO probe SELECT X, REPEAT('a', 150) FROM SYSTEM_RANGE(1, " + ROWS + ")");
                return null;
            });

            int[] counts = db.read("probe", tx -> {
                int read = 0;
                int original = 0;
                try (PreparedStatement ps = tx.prepare("SELECT v FROM probe ORDER BY id");
                     ResultSet rs = ps.executeQuery()) {
                    for (; read < 10 && rs.next(); read++) {
                        original += rs.getString(1).startsWith("a") ? 1 : 0;
                    }
                    rewriteEveryRow(db, 30);
                    for (; rs.next(); read++) {
                        original += rs.getString(1).startsWith("a") ? 1 : 0;
                    }
                }
                return new int[] {read, original};
            });

            assertThat(counts[0]).isEqualTo(ROWS);
            assertThat(counts[1]).isEqualTo(ROWS); // the snapshot the query started with, not a later one

            long afterRead = db.read("version", tx -> EmbeddedH2.store(tx.connection()).getCurrentVersion());
            rewriteEveryRow(db, 30);
            assertThat(oldestVersionToKeep(db)).isGreaterThan(afterRead);
        }
    }

    private static long oldestVersionToKeep(Database db) {
        return db.read("oldest", tx -> {
            long[] oldest = {-1};
            EmbeddedH2.store(tx.connection()).populateInfo((key, value) -> {
                if (key.equals("info.OLDEST_VERS_TO_KEEP")) {
                    oldest[0] = Long.parseLong(value);
                }
            });
            return oldest[0];
        });
    }

    /** {@code times} durable transactions from another thread, each rewriting every row. */
    private static void rewriteEveryRow(Database db, int times) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < times; i++) {
                    String v = "b" + i;
                    db.write("rewrite", tx -> tx.update("UPDATE probe SET v = ?", v));
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        writer.start();
        try {
            writer.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(failed.get()).isNull();
    }
}
