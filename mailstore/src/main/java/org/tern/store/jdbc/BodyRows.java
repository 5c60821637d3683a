package org.tern.store.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.tern.store.MessageMeta;

/**
 * The {@code bodies} table: one row per stored body ({@code body_id}, blob id), shared by the message rows of one
 * delivery or append and by their copies. A removal deletes the body rows it took the last message row of and
 * records their blobs as collection candidates; whether another body row or a queue entry still names such a blob
 * is for {@link BlobCollector} to find out ({@link BlobReferences}).
 */
final class BodyRows {

    private BodyRows() {
    }

    /** The distinct bodies of the message rows matching {@code where}, which the caller is about to delete. */
    static List<Long> where(Tx tx, String where, Object... args) throws SQLException {
        return tx.query("SELECT DISTINCT body_id FROM message_rows WHERE " + where, rs -> rs.getLong(1), args);
    }

    /** The distinct bodies of {@code rows} (of one mailbox), which the caller is about to delete. */
    static List<Long> ofMessages(Tx tx, long mailboxId, List<MessageMeta> rows) throws SQLException {
        Set<Long> out = new TreeSet<>();
        for (int i = 0; i < rows.size(); i += BlobOrphans.CHUNK) {
            List<MessageMeta> chunk = rows.subList(i, Math.min(rows.size(), i + BlobOrphans.CHUNK));
            Object[] keys = chunk.stream().map(m -> MessageRows.key(mailboxId, m.uid())).toArray();
            out.addAll(tx.query("SELECT DISTINCT body_id FROM message_rows WHERE msg_key IN (" + marks(chunk.size())
                    + ")", rs -> rs.getLong(1), keys));
        }
        return new ArrayList<>(out);
    }

    /**
     * After the caller deleted message rows: deletes those of {@code bodyIds} no message row refers to any more
     * (only one writing transaction runs at a time, so what this transaction sees is all there is), with their
     * facts, and records their blobs as candidates.
     */
    static void release(Tx tx, Collection<Long> bodyIds) throws SQLException {
        if (bodyIds.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(new TreeSet<>(bodyIds));
        Set<String> blobs = new TreeSet<>();
        for (int i = 0; i < ids.size(); i += BlobOrphans.CHUNK) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + BlobOrphans.CHUNK));
            Set<Long> kept = new HashSet<>(tx.query("SELECT DISTINCT body_id FROM message_rows WHERE body_id IN ("
                    + marks(chunk.size()) + ")", rs -> rs.getLong(1), chunk.toArray()));
            List<Long> gone = new ArrayList<>(chunk);
            gone.removeAll(kept);
            if (gone.isEmpty()) {
                continue;
            }
            String in = " WHERE body_id IN (" + marks(gone.size()) + ")";
            blobs.addAll(tx.query("SELECT blob_id FROM bodies" + in, rs -> BlobKeys.id(rs, 1), gone.toArray()));
            tx.update("DELETE FROM body_facts" + in, gone.toArray());
            tx.update("DELETE FROM bodies" + in, gone.toArray());
        }
        BlobOrphans.record(tx, new ArrayList<>(blobs), System.currentTimeMillis());
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
