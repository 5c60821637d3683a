package org.tern.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tern.store.event.StoreEvent;

/** One open transaction: small JDBC helpers plus the events to publish once it is durable. */
final class Tx {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final List<StoreEvent> events = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private boolean changed = true;

    Tx(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** Publishes {@code event} after the commit is durable. */
    void publish(StoreEvent event) {
        events.add(event);
    }

    /** Runs {@code action} after the commit is durable (before events). */
    void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    List<StoreEvent> events() {
        return events;
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }

    /** Marks this write transaction as having changed nothing: no fsync wait needed. */
    void nothingChanged() {
        changed = false;
    }

    boolean changed() {
        return changed;
    }

    PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        bind(ps, args);
        return ps;
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        }
    }

    /** Inserts and returns the generated {@code id}. */
    long insert(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                if (!rs.next()) {
                    throw new SQLException("no generated key for " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
        }
    }

    long queryLong(String sql, Object... args) throws SQLException {
        return queryOne(sql, rs -> rs.getLong(1), args).orElse(0L);
    }
}
