package org.tern.store.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tern.store.Account;
import org.tern.store.AliasLoopException;
import org.tern.store.names.Addresses;

/**
 * Expands an address through aliases: an existing account first, then an exact alias (recursively), then the
 * domain's catch-all. Remote targets are collected apart. A cycle raises {@link AliasLoopException}.
 */
final class AliasResolver {

    private static final int MAX_DEPTH = 20;

    /** Accounts reached (deduplicated, in order), remote targets, and whether anything matched at all. */
    record Expansion(List<Account> accounts, List<String> remote, boolean matched) {
    }

    private final Tx tx;
    private final Map<Long, Account> accounts = new LinkedHashMap<>();
    private final List<String> remote = new ArrayList<>();
    private boolean matched;

    private AliasResolver(Tx tx) {
        this.tx = tx;
    }

    /** Expands a normalised address or catch-all source ({@code @domain}). */
    static Expansion expand(Tx tx, String source) throws SQLException {
        AliasResolver r = new AliasResolver(tx);
        if (source.startsWith("@")) {
            r.expandTargets(source, new HashSet<>(Set.of(source)), 0);
        } else {
            r.expandAddress(source, new HashSet<>(), 0);
        }
        return new Expansion(List.copyOf(r.accounts.values()), List.copyOf(r.remote), r.matched);
    }

    private void expandAddress(String address, Set<String> path, int depth) throws SQLException {
        if (depth > MAX_DEPTH) {
            throw new AliasLoopException("alias chain deeper than " + MAX_DEPTH + " at " + address);
        }
        if (!path.add(address)) {
            throw new AliasLoopException("alias loop through " + address);
        }
        try {
            String domain = Addresses.domainOf(address);
            if (!isLocalDomain(domain)) {
                remote.add(address);
                matched = true;
                return;
            }
            Optional<Account> account = AccountRows.byAddress(tx, address);
            if (account.isPresent()) {
                accounts.putIfAbsent(account.get().id(), account.get());
                matched = true;
                return;
            }
            if (hasAlias(address)) {
                expandTargets(address, path, depth);
                return;
            }
            String catchAll = "@" + domain;
            if (hasAlias(catchAll)) {
                if (!path.add(catchAll)) {
                    throw new AliasLoopException("alias loop through catch-all " + catchAll);
                }
                try {
                    expandTargets(catchAll, path, depth);
                } finally {
                    path.remove(catchAll);
                }
            }
        } finally {
            path.remove(address);
        }
    }

    private void expandTargets(String source, Set<String> path, int depth) throws SQLException {
        matched = true;
        for (String target : targets(source)) {
            expandAddress(target, path, depth + 1);
        }
    }

    private boolean isLocalDomain(String domain) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM domains WHERE name = ?", domain) > 0;
    }

    private boolean hasAlias(String source) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM aliases WHERE source = ?", source) > 0;
    }

    private List<String> targets(String source) throws SQLException {
        return tx.query("SELECT t.target FROM alias_targets t JOIN aliases a ON a.id = t.alias_id"
                + " WHERE a.source = ? ORDER BY t.pos", rs -> rs.getString(1), source);
    }
}
