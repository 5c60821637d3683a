package org.tern.store.jdbc;

import java.sql.Connection;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps H2 from overwriting the space of a superseded chunk before the chunk that superseded it is on disk.
 *
 * <p>H2 lets a dead chunk's space be reused once the version that made it dead is older than every version in use
 * and the chunk is older than the retention time (its creation time, not the time it died). With
 * {@code WRITE_DELAY=0} nothing in H2 fsyncs, so a chunk that died just now can be overwritten by the next commits
 * while the chunk that replaced it is still only in the page cache; a power cut then leaves the last chunk on disk
 * referring to pages that are gone. This guard holds a version usage (H2's own mechanism for open transactions) at
 * the version current when the last completed fsync started: only chunks that died before that version, whose
 * successors were all written before that fsync began, can be overwritten. When the group committer writes the file
 * header itself ({@link HeaderCorrectingChannel#deferHeaders}), it moves the version only with each header it
 * writes, so the chunks recovery needs from the chunk that header names stay too.
 */
final class ChunkReuseGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkReuseGuard.class);

    /** Null when the store could not be reached (another H2 session type): then nothing is pinned. */
    private final MVStore store;
    /** The version usage held since the last sync that moved it (see afterSync); the one taken at open first. */
    private MVStore.TxCounter held;

    private ChunkReuseGuard(MVStore store) {
        this.store = store;
        this.held = store == null ? null : store.registerVersionUsage();
    }

    /** The guard for the embedded database {@code connection} belongs to. */
    static ChunkReuseGuard of(Connection connection) {
        return new ChunkReuseGuard(EmbeddedH2.storeOrNull(connection, LOG, "chunk reuse is not guarded"));
    }

    /** Whether this guard pins anything (false when H2's store could not be reached). */
    boolean pins() {
        return store != null;
    }

    /** Call just before an fsync starts: pins the current version (every chunk below it is written). */
    MVStore.TxCounter beforeSync() {
        return store == null ? null : store.registerVersionUsage();
    }

    /**
     * Call when that fsync ended: with {@code move} (it succeeded, and named the chunk recovery starts from if the
     * committer writes headers) the new pin replaces the old one, else the new one is dropped.
     */
    void afterSync(MVStore.TxCounter taken, boolean move) {
        if (store == null) {
            return;
        }
        MVStore.TxCounter release = move ? held : taken;
        if (move) {
            held = taken;
        }
        store.deregisterVersionUsage(release);
    }

    /** The store's current version, to tell whether anything was stored since the last fsync. */
    long currentVersion() {
        return store == null ? 0 : store.getCurrentVersion();
    }

    @Override
    public void close() {
        if (store != null && held != null && !store.isClosed()) {
            store.deregisterVersionUsage(held);
        }
        held = null;
    }
}
