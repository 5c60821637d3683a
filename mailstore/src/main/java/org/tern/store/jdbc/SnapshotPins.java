package org.tern.store.jdbc;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicReference;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pages a transaction can still reach from being freed until it ends.
 *
 * <p>With lazy query execution H2 ends a query's own version usage when {@code executeQuery} returns
 * ({@code Command.executeQuery} ends the statement), so the rows read after that come from pages H2 no longer
 * counts as in use: once other transactions have replaced them and the chunk holding them is older than the
 * retention time (its creation, not its death, counts), H2 frees that chunk at the next store and the reader fails
 * with "Chunk n not found". Readers are exposed whenever a writer commits meanwhile; a writer only to its own
 * stores (H2 stores in the middle of a large transaction), but it is pinned too, so that no transaction has to be
 * reasoned about.
 */
final class SnapshotPins {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPins.class);
    private static final Pin NONE = () -> { };

    /** Null when the store could not be reached: then nothing is pinned. */
    private final MVStore store;

    private SnapshotPins(MVStore store) {
        this.store = store;
    }

    /** The pins for the embedded database {@code connection} belongs to. */
    static SnapshotPins of(Connection connection) {
        return new SnapshotPins(EmbeddedH2.storeOrNull(connection, LOG, "transactions do not pin what they read"));
    }

    /** Pins the current version: nothing a transaction starting now can read is freed before {@link Pin#close}. */
    Pin pin() {
        if (store == null) {
            return NONE;
        }
        AtomicReference<MVStore.TxCounter> held = new AtomicReference<>(store.registerVersionUsage());
        return () -> {
            MVStore.TxCounter counter = held.getAndSet(null);
            if (counter != null) { // a second close must not release another transaction's usage
                store.deregisterVersionUsage(counter);
            }
        };
    }

    /** A held pin. */
    interface Pin extends AutoCloseable {
        @Override
        void close();
    }
}
