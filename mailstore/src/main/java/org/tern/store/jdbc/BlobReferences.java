package org.tern.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which blobs are still named by a body row or a queue entry, for {@link BlobCollector}. No index is keyed by blob
 * id (see {@link BodyRows}), so a run scans {@code bodies} once, outside the writer lock, and keeps the first 8
 * bytes of every id it saw (8 MB per million bodies); inside the lock {@link #referenced} adds the rows inserted
 * since, a range of the primary key, and the queue entries (indexed by blob id: they are few).
 *
 * <p>A body row the scan saw may be gone by the time a candidate is checked: the candidate is then kept for now,
 * and the removal that deleted the row recorded it again, due a grace period later. Two ids sharing their first 8
 * bytes (one chance in 2^64 per pair) also keep a candidate: never the other way round.
 */
final class BlobReferences {

    /** Body rows with ids up to this were scanned. */
    private final long mark;
    /** The first 8 bytes of each scanned row's blob id, sorted. */
    private final long[] prefixes;

    private BlobReferences(long mark, long[] prefixes) {
        this.mark = mark;
        this.prefixes = prefixes;
    }

    /** Scans every body row committed so far. */
    static BlobReferences scan(Database db) {
        return db.read("blob_references", tx -> {
            long mark = tx.queryOne("SELECT COALESCE(MAX(body_id), 0) FROM bodies", rs -> rs.getLong(1)).orElse(0L);
            long[] p = new long[1024];
            int n = 0;
            try (PreparedStatement ps = tx.prepare("SELECT blob_id FROM bodies WHERE body_id <= ?", mark);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == p.length) {
                        p = Arrays.copyOf(p, n * 2);
                    }
                    p[n++] = prefix(rs.getBytes(1));
                }
            }
            long[] sorted = Arrays.copyOf(p, n);
            Arrays.sort(sorted);
            return new BlobReferences(mark, sorted);
        });
    }

    /**
     * Those of {@code ids} a body row or queue entry names. Exact for rows inserted after the scan only while no
     * writer runs beside the caller: call it in a writing transaction.
     */
    Set<String> referenced(Tx tx, List<String> ids) throws SQLException {
        Set<String> out = new HashSet<>();
        for (String id : ids) {
            if (Arrays.binarySearch(prefixes, prefix(BlobKeys.key(id))) >= 0) {
                out.add(id);
            }
        }
        for (int i = 0; i < ids.size(); i += BlobOrphans.CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + BlobOrphans.CHUNK));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            Object[] keys = BlobKeys.keys(chunk);
            Object[] args = new Object[keys.length + 1];
            args[0] = mark;
            System.arraycopy(keys, 0, args, 1, keys.length);
            out.addAll(tx.query("SELECT blob_id FROM bodies WHERE body_id > ? AND blob_id IN (" + marks + ")",
                    rs -> BlobKeys.id(rs, 1), args));
            out.addAll(tx.query("SELECT DISTINCT blob_id FROM queue_entries WHERE blob_id IN (" + marks + ")",
                    rs -> BlobKeys.id(rs, 1), keys));
        }
        return out;
    }

    private static long prefix(byte[] key) {
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = (p << 8) | (key[i] & 0xff);
        }
        return p;
    }
}
