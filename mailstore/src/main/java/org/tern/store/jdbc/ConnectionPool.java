package org.tern.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small fixed-size JDBC connection pool. Embedded H2 connections are cheap, so this only bounds
 * concurrency and reuses prepared-statement caches; no validation or eviction is needed.
 */
final class ConnectionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

    private final String url;
    private final String user;
    private final String password;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private final int maxSize;
    private volatile boolean closed;

    ConnectionPool(String url, String user, String password, int maxSize) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.maxSize = maxSize;
        this.idle = new ArrayBlockingQueue<>(maxSize);
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    Connection borrow() throws SQLException {
        if (closed) {
            throw new SQLException("store is closed", "08003");
        }
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        synchronized (all) {
            if (all.size() < maxSize) {
                Connection fresh = open();
                all.add(fresh);
                return fresh;
            }
        }
        try {
            c = idle.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted waiting for a connection", "08001", e);
        }
        if (c == null) {
            throw new SQLException("no database connection free after 30 s", "08001");
        }
        return c;
    }

    void release(Connection c) {
        if (closed) {
            closeQuietly(c);
            return;
        }
        idle.offer(c);
    }

    /** Rolls back whatever the connection did and returns it; drops it if even the rollback fails. */
    void rollbackAndRelease(Connection c) {
        try {
            c.rollback();
            release(c);
        } catch (SQLException e) {
            LOG.warn("rollback failed, dropping connection: {}", e.toString());
            discard(c);
        }
    }

    /** Drops a connection that failed in an unknown state. */
    void discard(Connection c) {
        synchronized (all) {
            all.remove(c);
        }
        closeQuietly(c);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            for (Connection c : all) {
                closeQuietly(c);
            }
            all.clear();
        }
        idle.clear();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
