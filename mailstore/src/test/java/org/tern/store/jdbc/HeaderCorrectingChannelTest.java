package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.DataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HeaderCorrectingChannelTest {

    @TempDir
    Path dir;

    /**
     * What a kill -9 right after each acknowledgement would leave: a copy of the database file, taken while the
     * database stays open, then opened (recovered) on its own, must hold every acknowledged commit.
     * {@code RETENTION_TIME=0} lets H2 reuse freed space at once, so chunks land where the previous chunk did not
     * predict, the case H2 2.5.252 gets wrong. The two ways of running without a fix must lose commits, so that the
     * others can fail.
     */
    @ParameterizedTest
    @EnumSource(Headers.class)
    void recoveryFindsEveryAcknowledgedCommitOnlyWithAFix(Headers headers) throws Exception {
        List<String> lost = lostCommits(headers, 120);

        if (headers.losesCommits) {
            assertThat(lost).isNotEmpty();
        } else {
            assertThat(lost).isEmpty();
        }
    }

    @Test
    void headerNamingAnOlderChunkIsRewrittenToNameTheChunkJustWritten() {
        var chunk = new HeaderCorrectingChannel.ChunkRef(0x2a, 7, 0x30);
        ByteBuffer fixed = HeaderCorrectingChannel.correctedHeader(header(0x10, 6, 0x2f), chunk);

        assertThat(fixed).isNotNull();
        byte[] first = new byte[4096];
        byte[] second = new byte[4096];
        fixed.get(first).get(second);
        assertThat(first).isEqualTo(second);
        var map = HeaderCorrectingChannel.checksummedMap(first);
        assertThat(map).containsEntry("block", "2a").containsEntry("chunk", "7").containsEntry("version", "30")
                .containsEntry("H", "2").containsEntry("created", "18c");
    }

    @Test
    void headerNamingTheSameOrANewerVersionIsLeftAlone() {
        var chunk = new HeaderCorrectingChannel.ChunkRef(0x2a, 7, 0x30);

        assertThat(HeaderCorrectingChannel.correctedHeader(header(0x2a, 7, 0x30), chunk)).isNull();
        assertThat(HeaderCorrectingChannel.correctedHeader(header(0x40, 8, 0x31), chunk)).isNull();
    }

    @Test
    void aCleanShutdownOrRollbackHeaderIsLeftAlone() {
        ByteBuffer clean = header(0x10, 6, 0x2f, ",clean:1");

        assertThat(HeaderCorrectingChannel.correctedHeader(clean,
                new HeaderCorrectingChannel.ChunkRef(0x2a, 7, 0x30))).isNull();
    }

    @Test
    void aHeaderWithABadChecksumIsNotTouched() {
        ByteBuffer header = header(0x10, 6, 0x2f);
        header.put(3, (byte) 'x');

        assertThat(HeaderCorrectingChannel.correctedHeader(header,
                new HeaderCorrectingChannel.ChunkRef(0x2a, 7, 0x30))).isNull();
    }

    @Test
    void onlyAWholeChunkAtItsOwnBlockIsRecognised() {
        ByteBuffer chunk = chunk(3, 9, 2);

        assertThat(HeaderCorrectingChannel.chunkAt(chunk, 5 * 4096L))
                .isEqualTo(new HeaderCorrectingChannel.ChunkRef(5, 3, 9));
        assertThat(HeaderCorrectingChannel.chunkAt(chunk, 6 * 4096L))
                .isEqualTo(new HeaderCorrectingChannel.ChunkRef(6, 3, 9));
        assertThat(HeaderCorrectingChannel.chunkAt(chunk, 6 * 4096L + 512)).isNull();
        assertThat(HeaderCorrectingChannel.chunkAt(chunk, 0)).isNull();
        assertThat(HeaderCorrectingChannel.chunkAt(chunk.duplicate().limit(4096), 5 * 4096L)).isNull();
        assertThat(HeaderCorrectingChannel.chunkAt(ByteBuffer.allocate(8192), 5 * 4096L)).isNull();
    }

    /** How the run treats H2's header writes, and what a sync before each acknowledgement does. */
    enum Headers {
        /** The plain file system: H2's defect, commits lost. */
        PLAIN_H2(true),
        /** Each header corrected as it is written, after an fdatasync; every commit acknowledged at once. */
        CORRECTED(false),
        /** Held back; after each commit the group committer's sync writes the header (fsync, header, fdatasync). */
        HELD_BACK_AND_WRITTEN(false),
        /**
         * Held back; a sync only after every fifth commit, as when commits share a group, so the commits between
         * syncs reach no header of their own. Without the chunk-reuse pin moving only with the headers this lost
         * commits (recovery found an empty table).
         */
        HELD_BACK_SYNC_EVERY_5(false),
        /** Held back and never written: the header names an old chunk, commits lost. */
        HELD_BACK_ONLY(true);

        final boolean losesCommits;

        Headers(boolean losesCommits) {
            this.losesCommits = losesCommits;
        }
    }

    private List<String> lostCommits(Headers headers, int commits) throws Exception {
        boolean corrected = headers != Headers.PLAIN_H2;
        Path live = Files.createDirectories(dir.resolve(headers.name()));
        String settings = ";WRITE_DELAY=0;RETENTION_TIME=0;DB_CLOSE_ON_EXIT=FALSE";
        String url = url(live, corrected) + settings;
        List<String> lost = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (seq BIGINT PRIMARY KEY, pad VARCHAR(300))");
            }
            HeaderCorrectingChannel channel = corrected ? HeaderCorrectingChannel.of(c) : null;
            boolean holdBack = headers == Headers.HELD_BACK_AND_WRITTEN || headers == Headers.HELD_BACK_SYNC_EVERY_5
                    || headers == Headers.HELD_BACK_ONLY;
            long acknowledged = 0;
            boolean synced = headers == Headers.HELD_BACK_AND_WRITTEN || headers == Headers.HELD_BACK_SYNC_EVERY_5;
            // The group committer's pin, which keeps what recovery from the last header written needs.
            ChunkReuseGuard guard = synced ? ChunkReuseGuard.of(c) : null;
            if (holdBack) {
                assertThat(channel).isNotNull();
                channel.deferHeaders();
            }
            c.setAutoCommit(false);
            PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?)");
            PreparedStatement del = c.prepareStatement("DELETE FROM t WHERE seq = ?");
            for (int seq = 1; seq <= commits; seq++) {
                ins.setLong(1, seq);
                ins.setString(2, "x".repeat(300));
                ins.executeUpdate();
                if (seq > 20) { // keep the table small so old chunks are freed and their space reused
                    del.setLong(1, seq - 20);
                    del.executeUpdate();
                }
                c.commit();
                if (synced && (headers == Headers.HELD_BACK_AND_WRITTEN || seq % 5 == 0)) {
                    // What the group committer does before acknowledging.
                    var pin = guard.beforeSync();
                    HeaderCorrectingChannel.Pending pending = channel.pending();
                    channel.force(true);
                    boolean named = channel.writeHeader(pending);
                    if (named) {
                        channel.force(false);
                        channel.headerDurable(pending);
                    }
                    guard.afterSync(pin, named);
                    acknowledged = seq;
                } else if (headers != Headers.HELD_BACK_SYNC_EVERY_5) {
                    acknowledged = seq;
                }
                Path copy = Files.createDirectories(dir.resolve("copy-" + headers + "-" + seq));
                Files.copy(live.resolve("probe.mv.db"), copy.resolve("probe.mv.db"));
                try (Connection r = DriverManager.getConnection(url(copy, corrected) + settings, "sa", "");
                     Statement st = r.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM t")) {
                    rs.next();
                    if (rs.getLong(1) < acknowledged) {
                        lost.add("after commit " + seq + " recovery found " + rs.getLong(1));
                    }
                }
            }
            if (guard != null) {
                guard.close();
            }
        }
        return lost;
    }

    private static String url(Path dir, boolean corrected) {
        if (corrected) {
            HeaderCorrectingFilePath.register();
            return "jdbc:h2:" + HeaderCorrectingFilePath.databaseName(dir.resolve("probe"));
        }
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("probe");
    }

    private static ByteBuffer header(long block, int chunk, long version) {
        return header(block, chunk, version, "");
    }

    private static ByteBuffer header(long block, int chunk, long version, String more) {
        String body = "H:2,block:" + Long.toHexString(block) + ",blockSize:1000,chunk:" + Integer.toHexString(chunk)
                + more + ",created:18c,format:3,version:" + Long.toHexString(version);
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        String line = body + ",fletcher:" + Integer.toHexString(DataUtils.getFletcher32(b, 0, b.length)) + "\n";
        ByteBuffer out = ByteBuffer.allocate(8192);
        out.put(line.getBytes(StandardCharsets.ISO_8859_1));
        out.position(4096);
        out.put(line.getBytes(StandardCharsets.ISO_8859_1));
        return out.rewind();
    }

    private static ByteBuffer chunk(int id, long version, int blocks) {
        ByteBuffer out = ByteBuffer.allocate(blocks * 4096);
        out.put(("chunk:" + Integer.toHexString(id) + ",len:" + Integer.toHexString(blocks) + ",pages:2,version:"
                + Long.toHexString(version) + ",next:3\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        String footer = "chunk:" + Integer.toHexString(id) + ",len:" + Integer.toHexString(blocks) + ",version:"
                + Long.toHexString(version);
        byte[] f = footer.getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder line = new StringBuilder(footer).append(",fletcher:")
                .append(Integer.toHexString(DataUtils.getFletcher32(f, 0, f.length)));
        while (line.length() < 127) {
            line.append(' ');
        }
        line.append('\n');
        out.position(out.limit() - 128);
        out.put(line.toString().getBytes(StandardCharsets.ISO_8859_1));
        return out.rewind();
    }
}
