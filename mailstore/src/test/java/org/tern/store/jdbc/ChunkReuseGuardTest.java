package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkReuseGuardTest {

    private static final int COMMITS = 150;

    @TempDir
    Path dir;

    /**
     * With {@code RETENTION_TIME=0} H2 reuses a dead chunk's space at once, so rewriting one row in a loop keeps the
     * file small. While the guard still holds the version of the last fsync, none of those dead chunks may be
     * overwritten and every commit must append; once each commit is followed by a sync, reuse resumes.
     */
    @Test
    void deadChunksAreOverwrittenOnlyAfterASyncCoveredWhatReplacedThem() throws Exception {
        try (Connection c = openWithOneRow("g")) {
            PreparedStatement up = c.prepareStatement("UPDATE t SET v = ? WHERE id = 1");
            Path file = dir.resolve("g.mv.db");
            long unguarded = growth(file, () -> update(up, COMMITS));

            try (ChunkReuseGuard guard = ChunkReuseGuard.of(c)) {
                long pinned = growth(file, () -> update(up, COMMITS));
                long syncing = growth(file, () -> {
                    for (int i = 0; i < COMMITS; i++) {
                        var pin = guard.beforeSync();
                        update(up, 1);
                        guard.afterSync(pin, true);
                    }
                });

                assertThat(unguarded).isLessThan(COMMITS * 4096L / 4);
                assertThat(pinned).isGreaterThanOrEqualTo(COMMITS * 4096L);
                assertThat(syncing).isLessThan(COMMITS * 4096L / 4);
            }
        }
    }

    @Test
    void aFailedSyncKeepsThePreviousPin() throws Exception {
        try (Connection c = openWithOneRow("f")) {
            PreparedStatement up = c.prepareStatement("UPDATE t SET v = ? WHERE id = 1");
            try (ChunkReuseGuard guard = ChunkReuseGuard.of(c)) {
                long failing = growth(dir.resolve("f.mv.db"), () -> {
                    for (int i = 0; i < COMMITS; i++) {
                        var pin = guard.beforeSync();
                        update(up, 1);
                        guard.afterSync(pin, false);
                    }
                });

                assertThat(failing).isGreaterThanOrEqualTo(COMMITS * 4096L);
            }
        }
    }

    /** A database that reuses dead chunks at once ({@code RETENTION_TIME=0}) with one row to rewrite. */
    private Connection openWithOneRow(String name) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + ";WRITE_DELAY=0;RETENTION_TIME=0";
        Connection c = DriverManager.getConnection(url, "sa", "");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(300))");
            st.execute("INSERT INTO t VALUES (1, 'x')");
        }
        return c;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static long growth(Path file, Work work) throws Exception {
        long before = Files.size(file);
        work.run();
        return Files.size(file) - before;
    }

    private static void update(PreparedStatement up, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            up.setString(1, "v" + i + "-" + "y".repeat(200));
            up.executeUpdate(); // autocommit: one chunk per update
        }
    }
}
