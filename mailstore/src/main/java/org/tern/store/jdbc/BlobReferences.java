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

    /** Body rows with ids up to this were read. */
    private long mark;
    /** The first 8 bytes of each blob id the scan read, sorted. */
    private final long[] prefixes;
    /** The same for the rows read since by {@link #catchUp}. */
    private final Set<Long> later = new HashSet<>();

    private BlobReferences(long mark, long[] prefixes) {
        this.mark = mark;
        this.prefixes = prefixes;
    }

    /**
     * Scans every body row committed so far. Relies on body ids only growing (one counter, owned by the one writer,
     * see JdbcMessages): a row inserted later has an id above the mark.
     */
    static BlobReferences scan(Database db) {
        return db.read("blob_references", tx -> {
            long mark = tx.queryOne("SELECT COALESCE(MAX(body_id), 0) FROM bodies", rs -> rs.getLong(1)).orElse(0L);
            long[] p = new long[1024];
            int n = 0;
            // No upper bound: a row above the mark that is already committed only makes the check more careful.
            try (PreparedStatement ps = tx.prepare("SELECT blob_id FROM bodies");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == p.length) {
                        p = Arrays.copyOf(p, n * 2);
                    }
                    p[n++] = prefix(rs.getBytes(1));
                }
            }
            Arrays.sort(p, 0, n);
            return new BlobReferences(mark, n == p.length ? p : Arrays.copyOf(p, n));
        });
    }

    /**
     * Outside the writer lock: reads the rows added since the scan or the last catch-up, so that the check inside
     * the lock stays a short range however long the run has been going.
     */
    void catchUp(Database db) {
        db.read("blob_references_tail", tx -> {
            try (PreparedStatement ps = tx.prepare("SELECT body_id, blob_id FROM bodies WHERE body_id > ?"
                    + " ORDER BY body_id", mark);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    mark = rs.getLong(1);
                    later.add(prefix(rs.getBytes(2)));
                }
            }
            return null;
        });
    }

    /**
     * Those of {@code ids} a body row or queue entry names. Exact for rows inserted after the scan only while no
     * writer runs beside the caller: call it in a writing transaction.
     */
    Set<String> referenced(Tx tx, List<String> ids) throws SQLException {
        Set<String> out = new HashSet<>();
        for (String id : ids) {
            long prefix = prefix(BlobKeys.key(id));
            if (Arrays.binarySearch(prefixes, prefix) >= 0 || later.contains(prefix)) {
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
