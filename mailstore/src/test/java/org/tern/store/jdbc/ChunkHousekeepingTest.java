package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkHousekeepingTest {

    private static final int ROWS = 2_000;

    @TempDir
    Path dir;

    /**
     * Many small commits leave many chunks, then updating most rows leaves the old chunks sparse. The single-pass
     * calls must be in use with the H2 we ship (a newer H2 that renames them fails here, not silently in
     * production), report what H2's own statistics report, and free chunks as {@code MVStore.compact} does.
     */
    @Test
    void theSinglePassCallsAgreeWithH2sPublicOnes() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + dir.resolve("h") + ";WRITE_DELAY=0")) {
            MVStore store = EmbeddedH2.store(c);
            ChunkHousekeeping housekeeping = ChunkHousekeeping.of(store);
            assertThat(housekeeping.direct()).isTrue();
            try (Statement st = c.createStatement()) {
                st.execute("SET RETENTION_TIME 0"); // every chunk is rewritable at once
                st.execute("CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(200))");
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < ROWS; i++) { // one commit, so one chunk, each
                    ins.setInt(1, i);
                    ins.setString(2, "x".repeat(150));
                    ins.executeUpdate();
                }
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE t SET v = ? WHERE MOD(id, 10) <> 0")) {
                up.setString(1, "y".repeat(150));
                up.executeUpdate();
            }

            int before = housekeeping.rewritableFillRate();
            assertThat(before).isEqualTo(Integer.parseInt(info(store).get("info.CHUNKS_FILL_RATE_RW")))
                    .isLessThan(60);
            int chunksBefore = Integer.parseInt(info(store).get("info.CHUNK_COUNT"));

            int steps = 0;
            while (housekeeping.rewriteSparsest(128 * 1024) && steps < 1_000) {
                store.commit();
                steps++;
            }

            assertThat(steps).isPositive();
            assertThat(housekeeping.rewritableFillRate()).isGreaterThan(before)
                    .isEqualTo(Integer.parseInt(info(store).get("info.CHUNKS_FILL_RATE_RW")));
            assertThat(Integer.parseInt(info(store).get("info.CHUNK_COUNT"))).isLessThan(chunksBefore / 2);
            try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(ROWS);
            }
        }
    }

    /** H2's {@code compact} checks for chunks first and {@code rewriteChunks} asserts it: so must the direct call. */
    @Test
    void aStoreWithoutChunksHasNothingToRewrite() {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("empty.mv.db").toString()).open();
        try {
            ChunkHousekeeping housekeeping = ChunkHousekeeping.of(store);
            assertThat(housekeeping.direct()).isTrue();
            assertThat(housekeeping.rewriteSparsest(128 * 1024)).isFalse();
            assertThat(store.isClosed()).isFalse(); // an assertion inside H2 would have closed it
        } finally {
            store.closeImmediately();
        }
    }

    private static Map<String, String> info(MVStore store) {
        Map<String, String> info = new HashMap<>();
        store.getFileStore().populateInfo(info::put);
        return info;
    }
}
