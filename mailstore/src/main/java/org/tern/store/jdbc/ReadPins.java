package org.tern.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pages a read transaction can still reach from being freed until it ends.
 *
 * <p>With lazy query execution H2 ends a query's own version usage when {@code executeQuery} returns
 * ({@code Command.executeQuery} ends the statement), so the rows read after that come from pages H2 no longer
 * counts as in use: once the writers have replaced them and the chunk holding them is older than the retention time
 * (its creation, not its death, counts), H2 frees that chunk and the reader fails with "Chunk n not found". Writers
 * need no pin: they hold the writer lock, without which no chunk is stored, and so none freed.
 */
final class ReadPins {

    private static final Logger LOG = LoggerFactory.getLogger(ReadPins.class);
    private static final Pin NONE = () -> { };

    /** Null when the store could not be reached: then nothing is pinned. */
    private final MVStore store;

    private ReadPins(MVStore store) {
        this.store = store;
    }

    /** The pins for the embedded database {@code connection} belongs to. */
    static ReadPins of(Connection connection) {
        try {
            return new ReadPins(EmbeddedH2.store(connection));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot reach H2's store to pin what readers read: {}", e.toString());
            return new ReadPins(null);
        }
    }

    /** Pins the current version: nothing a transaction starting now can read is freed before {@link Pin#close}. */
    Pin pin() {
        if (store == null) {
            return NONE;
        }
        MVStore.TxCounter counter = store.registerVersionUsage();
        return () -> store.deregisterVersionUsage(counter);
    }

    /** A held pin; close it exactly once. */
    interface Pin extends AutoCloseable {
        @Override
        void close();
    }
}
