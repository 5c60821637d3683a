package org.tern.store.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.concurrent.Callable;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two calls of H2's chunk housekeeping the compactor makes, each with one pass over H2's chunks.
 *
 * <p>H2's public API makes four and two: its statistics ({@code populateInfo}) compute every figure it knows to give
 * the fill rate of the rewritable chunks, and {@link MVStore#compact(int, int)} computes the fill rate of all chunks
 * before it looks for the sparsest old ones. Each pass goes over every chunk H2 tracks, dead ones included until
 * they are older than its retention time: about 40,000 under sustained load, when the pass {@code compact} adds was
 * a quarter of a step's writer-lock time (docs/benchmarks.md). H2 has the single calls, not public: this reaches
 * them once by reflection and falls back to the public ones if it cannot.
 */
final class ChunkHousekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkHousekeeping.class);

    private final MVStore store;
    /** {@code FileStore.getRewritableChunksFillRate()}; null: use the public API. */
    private final MethodHandle rewritableFillRate;
    /** {@code FileStore.rewriteChunks(int writeLimit, int targetFillRate)}. */
    private final MethodHandle rewriteChunks;
    /** {@code MVStore.tryExecuteUnderStoreLock(Callable)}: how H2's {@code compact} calls it. */
    private final MethodHandle underStoreLock;
    /** {@code FileStore.hasPersistentData()}: {@code compact}'s guard, which {@code rewriteChunks} asserts. */
    private final MethodHandle hasChunks;

    private ChunkHousekeeping(MVStore store, MethodHandle rewritableFillRate, MethodHandle rewriteChunks,
            MethodHandle underStoreLock, MethodHandle hasChunks) {
        this.store = store;
        this.rewritableFillRate = rewritableFillRate;
        this.rewriteChunks = rewriteChunks;
        this.underStoreLock = underStoreLock;
        this.hasChunks = hasChunks;
    }

    /** Housekeeping of {@code store}'s file store (which must not be null). */
    static ChunkHousekeeping of(MVStore store) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            var fillRate = FileStore.class.getDeclaredMethod("getRewritableChunksFillRate");
            var rewrite = FileStore.class.getDeclaredMethod("rewriteChunks", int.class, int.class);
            var underLock = MVStore.class.getDeclaredMethod("tryExecuteUnderStoreLock", Callable.class);
            var persistent = FileStore.class.getDeclaredMethod("hasPersistentData");
            fillRate.setAccessible(true);
            rewrite.setAccessible(true);
            underLock.setAccessible(true);
            persistent.setAccessible(true);
            return new ChunkHousekeeping(store, lookup.unreflect(fillRate), lookup.unreflect(rewrite),
                    lookup.unreflect(underLock), lookup.unreflect(persistent));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("H2's single-pass chunk housekeeping is not reachable, compaction uses its public API: {}",
                    e.toString());
            return new ChunkHousekeeping(store, null, null, null, null);
        }
    }

    /** Whether the single-pass calls are in use (false: H2's public API). */
    boolean direct() {
        return rewriteChunks != null;
    }

    /** Percent live of the chunks H2 may rewrite now (older than its retention time); 100 when there are none. */
    int rewritableFillRate() {
        if (rewritableFillRate != null) {
            return (int) call(rewritableFillRate, store.getFileStore());
        }
        int[] rate = {100};
        store.getFileStore().populateInfo((key, value) -> {
            if ("info.CHUNKS_FILL_RATE_RW".equals(key)) {
                rate[0] = Integer.parseInt(value);
            }
        });
        return rate[0];
    }

    /**
     * Marks the live pages of the sparsest rewritable chunks, at most {@code bytes} of them, as changed, so that the
     * next commit stores them in a new chunk; true if it marked any, false also when H2's store lock was busy for
     * 10 ms. As {@link MVStore#compact(int, int)} with a target fill rate of 101, without that call's pass computing
     * the fill rate of all chunks first.
     */
    boolean rewriteSparsest(int bytes) {
        if (rewriteChunks == null) {
            return store.compact(101, bytes);
        }
        FileStore<?> fileStore = store.getFileStore();
        if (!(boolean) call(hasChunks, fileStore)) {
            return false;
        }
        // H2 turns anything this throws into a panic that closes the store, as for its own compact().
        Callable<Boolean> rewrite = () -> (boolean) call(rewriteChunks, fileStore, bytes, 100);
        Object rewrote = call(underStoreLock, store, rewrite);
        return rewrote != null && (Boolean) rewrote;
    }

    /** Invokes {@code handle}; what it throws unchecked passes through, anything else is wrapped. */
    private static Object call(MethodHandle handle, Object... args) {
        try {
            return handle.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(e);
        }
    }
}
