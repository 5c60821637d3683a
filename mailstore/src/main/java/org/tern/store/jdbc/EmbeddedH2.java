package org.tern.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

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
}
