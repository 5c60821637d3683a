package org.tern.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;

/** The one way below JDBC: the MVStore of the embedded H2 database a connection belongs to. */
final class EmbeddedH2 {

    private EmbeddedH2() {
    }

    /** The MVStore behind {@code connection}; null if it is not a connection to an embedded MVStore database. */
    static MVStore store(Connection connection) throws SQLException {
        JdbcConnection h2 = connection.unwrap(JdbcConnection.class);
        if (h2.getSession() instanceof SessionLocal local && local.getDatabase().getStore() != null) {
            return local.getDatabase().getStore().getMvStore();
        }
        return null;
    }

    /** As {@link #store}, but null with a WARN on {@code log} saying what goes {@code without} it when it fails. */
    static MVStore storeOrNull(Connection connection, Logger log, String without) {
        try {
            return store(connection);
        } catch (SQLException | RuntimeException e) {
            log.warn("cannot reach H2's store, {}: {}", without, e.toString());
            return null;
        }
    }
}
