package org.tern.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.tern.store.Account;
import org.tern.store.AccountNotFoundException;

/** SQL for account rows. Removed accounts (mail kept) are invisible to every lookup. */
final class AccountRows {

    static final String COLUMNS = "id, address, domain, quota_bytes, disabled, created";

    private AccountRows() {
    }

    static Account map(ResultSet rs) throws SQLException {
        return new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getBoolean(5),
                Instant.ofEpochMilli(rs.getLong(6)));
    }

    static Optional<Account> byAddress(Tx tx, String normalized) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM accounts WHERE address = ? AND removed = FALSE",
                AccountRows::map, normalized);
    }

    static Account byId(Tx tx, long id) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM accounts WHERE id = ? AND removed = FALSE",
                AccountRows::map, id).orElseThrow(() -> new AccountNotFoundException("no account with id " + id));
    }

    /** Locks the account row until commit (lock order: accounts before mailboxes). */
    static void lock(Tx tx, long accountId) throws SQLException {
        if (tx.queryOne("SELECT id FROM accounts WHERE id = ? FOR UPDATE", rs -> rs.getLong(1), accountId).isEmpty()) {
            throw new AccountNotFoundException("no account with id " + accountId);
        }
    }
}
