package org.tern.store.jdbc;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tern.store.Account;
import org.tern.store.AccountNotFoundException;
import org.tern.store.Alias;
import org.tern.store.AlreadyExistsException;
import org.tern.store.Directory;
import org.tern.store.Domain;
import org.tern.store.DomainNotEmptyException;
import org.tern.store.DomainNotFoundException;
import org.tern.store.InvalidNameException;
import org.tern.store.Mailbox;
import org.tern.store.NotFoundException;
import org.tern.store.Origin;
import org.tern.store.QuotaUsage;
import org.tern.store.RecipientResolution;
import org.tern.store.SpecialUse;
import org.tern.store.event.StoreEvent;
import org.tern.store.names.Addresses;
import org.tern.store.password.Argon2PasswordHasher;

/** Domains, accounts, passwords and aliases in SQL. */
final class JdbcDirectory implements Directory {

    /** The folders every account starts with, and their RFC 6154 attributes. */
    private static final Map<String, Set<SpecialUse>> DEFAULT_MAILBOXES = new LinkedHashMap<>();

    static {
        DEFAULT_MAILBOXES.put("INBOX", Set.of());
        DEFAULT_MAILBOXES.put("Sent", Set.of(SpecialUse.SENT));
        DEFAULT_MAILBOXES.put("Drafts", Set.of(SpecialUse.DRAFTS));
        DEFAULT_MAILBOXES.put("Trash", Set.of(SpecialUse.TRASH));
        DEFAULT_MAILBOXES.put("Junk", Set.of(SpecialUse.JUNK));
        DEFAULT_MAILBOXES.put("Archive", Set.of(SpecialUse.ARCHIVE));
    }

    private final Database db;
    private final Argon2PasswordHasher hasher;

    JdbcDirectory(Database db, Argon2PasswordHasher hasher) {
        this.db = db;
        this.hasher = hasher;
    }

    @Override
    public Domain addDomain(String name) {
        String d = Addresses.domain(name);
        return db.write("domain_add", tx -> {
            if (domainExists(tx, d)) {
                throw new AlreadyExistsException("domain already exists: " + d);
            }
            long now = System.currentTimeMillis();
            try {
                long id = tx.insert("INSERT INTO domains (name, created) VALUES (?, ?)", d, now);
                return new Domain(id, d, Instant.ofEpochMilli(now));
            } catch (SQLException e) {
                if (Database.isDuplicate(e)) {
                    throw new AlreadyExistsException("domain already exists: " + d);
                }
                throw e;
            }
        });
    }

    @Override
    public List<Domain> domains() {
        return db.read("domain_list", tx -> tx.query("SELECT id, name, created FROM domains ORDER BY name",
                rs -> new Domain(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)))));
    }

    @Override
    public void removeDomain(String name) {
        String d = Addresses.domain(name);
        db.write("domain_remove", tx -> {
            if (!domainExists(tx, d)) {
                throw new DomainNotFoundException("no such domain: " + d);
            }
            long accounts = tx.queryLong("SELECT COUNT(*) FROM accounts WHERE domain = ? AND removed = FALSE", d);
            long aliases = tx.queryLong("SELECT COUNT(*) FROM aliases WHERE domain = ?", d);
            if (accounts > 0 || aliases > 0) {
                throw new DomainNotEmptyException("domain " + d + " still has " + accounts + " account(s) and "
                        + aliases + " alias(es)");
            }
            tx.update("DELETE FROM domains WHERE name = ?", d);
            return null;
        });
    }

    @Override
    public boolean isLocalDomain(String domain) {
        String d;
        try {
            d = Addresses.domain(domain);
        } catch (InvalidNameException e) {
            return false;
        }
        return db.read("domain_lookup", tx -> domainExists(tx, d));
    }

    private static boolean domainExists(Tx tx, String d) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM domains WHERE name = ?", d) > 0;
    }

    @Override
    public Account addAccount(String address, char[] password, long quotaBytes) {
        String a = Addresses.address(address);
        checkQuota(quotaBytes);
        checkPassword(password);
        String hash = hasher.hash(password);
        return db.write("account_add", tx -> {
            String domain = Addresses.domainOf(a);
            if (!domainExists(tx, domain)) {
                throw new DomainNotFoundException("not a local domain: " + domain);
            }
            if (AccountRows.byAddress(tx, a).isPresent()) {
                throw new AlreadyExistsException("account already exists: " + a);
            }
            long now = System.currentTimeMillis();
            long id;
            try {
                id = tx.insert("INSERT INTO accounts (address, domain, password_hash, quota_bytes, disabled, removed,"
                        + " used_bytes, message_count, created) VALUES (?, ?, ?, ?, FALSE, FALSE, 0, 0, ?)",
                        a, domain, hash, quotaBytes, now);
            } catch (SQLException e) {
                if (Database.isDuplicate(e)) {
                    throw new AlreadyExistsException("account already exists: " + a);
                }
                throw e;
            }
            for (Map.Entry<String, Set<SpecialUse>> mb : DEFAULT_MAILBOXES.entrySet()) {
                MailboxRows.insert(tx, id, mb.getKey(), mb.getValue(), true, Origin.SYSTEM);
                tx.update("INSERT INTO subscriptions (account_id, name) VALUES (?, ?)", id, mb.getKey());
            }
            return new Account(id, a, domain, quotaBytes, false, Instant.ofEpochMilli(now));
        });
    }

    private static void checkQuota(long quotaBytes) {
        if (quotaBytes < 0 && quotaBytes != Account.UNLIMITED) {
            throw new IllegalArgumentException("quota must be >= 0 or Account.UNLIMITED");
        }
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("empty password");
        }
    }

    @Override
    public Optional<Account> account(String address) {
        String a;
        try {
            a = Addresses.address(address);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return db.read("account_get", tx -> AccountRows.byAddress(tx, a));
    }

    @Override
    public Account account(long accountId) {
        return db.read("account_get", tx -> AccountRows.byId(tx, accountId));
    }

    @Override
    public List<Account> accounts() {
        return db.read("account_list", tx -> tx.query("SELECT " + AccountRows.COLUMNS
                + " FROM accounts WHERE removed = FALSE ORDER BY address", AccountRows::map));
    }

    @Override
    public List<Account> accountsInDomain(String domain) {
        String d = Addresses.domain(domain);
        return db.read("account_list", tx -> tx.query("SELECT " + AccountRows.COLUMNS
                + " FROM accounts WHERE removed = FALSE AND domain = ? ORDER BY address", AccountRows::map, d));
    }

    @Override
    public void setPassword(String address, char[] password) {
        String a = Addresses.address(address);
        checkPassword(password);
        String hash = hasher.hash(password);
        updateAccount("account_password", a, "password_hash = ?", hash);
    }

    @Override
    public void setDisabled(String address, boolean disabled) {
        updateAccount("account_disable", Addresses.address(address), "disabled = ?", disabled);
    }

    @Override
    public void setQuota(String address, long quotaBytes) {
        checkQuota(quotaBytes);
        updateAccount("account_quota", Addresses.address(address), "quota_bytes = ?", quotaBytes);
    }

    private void updateAccount(String op, String address, String assignment, Object value) {
        db.write(op, tx -> {
            int n = tx.update("UPDATE accounts SET " + assignment + " WHERE address = ? AND removed = FALSE",
                    value, address);
            if (n == 0) {
                throw new AccountNotFoundException("no such account: " + address);
            }
            return null;
        });
    }

    @Override
    public void removeAccount(String address, boolean keepMail) {
        String a = Addresses.address(address);
        db.write("account_remove", tx -> {
            Account account = AccountRows.byAddress(tx, a)
                    .orElseThrow(() -> new AccountNotFoundException("no such account: " + a));
            AccountRows.lock(tx, account.id()); // accounts before mailboxes and messages, as everywhere
            if (keepMail) {
                // The address is freed for reuse; the mailboxes stay with the hidden row.
                tx.update("UPDATE accounts SET removed = TRUE, disabled = TRUE, password_hash = '!',"
                        + " address = ? WHERE id = ?", "#removed-" + account.id() + "-" + a, account.id());
                return null;
            }
            for (Mailbox mb : MailboxRows.list(tx, account.id())) {
                tx.publish(new StoreEvent.MailboxDeleted(account.id(), mb.id(), mb.name(), Origin.SYSTEM));
            }
            String mine = "mailbox_id IN (SELECT id FROM mailboxes WHERE account_id = ?)";
            List<Long> bodies = BodyRows.where(tx, mine, account.id());
            tx.update("DELETE FROM message_rows WHERE " + mine, account.id());
            BodyRows.release(tx, bodies);
            tx.update("DELETE FROM accounts WHERE id = ?", account.id());
            return null;
        });
    }

    @Override
    public Optional<Account> verifyPassword(String address, char[] password) {
        String a;
        try {
            a = Addresses.address(address);
        } catch (InvalidNameException e) {
            hasher.verifyDummy(password);
            return Optional.empty();
        }
        record Row(Account account, String hash) {
        }
        Optional<Row> row = db.read("account_auth", tx -> tx.queryOne("SELECT " + AccountRows.COLUMNS
                + ", password_hash FROM accounts WHERE address = ? AND removed = FALSE",
                rs -> new Row(AccountRows.map(rs), rs.getString(7)), a));
        if (row.isEmpty()) {
            hasher.verifyDummy(password);
            return Optional.empty();
        }
        boolean ok = hasher.verify(password, row.get().hash());
        if (!ok || row.get().account().disabled()) {
            return Optional.empty();
        }
        return Optional.of(row.get().account());
    }

    @Override
    public QuotaUsage quotaUsage(long accountId) {
        return db.read("quota_usage", tx -> tx.queryOne(
                "SELECT used_bytes, message_count, quota_bytes FROM accounts WHERE id = ? AND removed = FALSE",
                rs -> new QuotaUsage(rs.getLong(1), rs.getLong(2), rs.getLong(3)), accountId)
                .orElseThrow(() -> new AccountNotFoundException("no account with id " + accountId)));
    }

    @Override
    public Alias addAlias(String source, List<String> targets) {
        String s = Addresses.aliasSource(source);
        if (targets == null || targets.isEmpty()) {
            throw new InvalidNameException("an alias needs at least one target");
        }
        List<String> ts = new ArrayList<>();
        for (String t : targets) {
            String n = Addresses.address(t);
            if (!ts.contains(n)) {
                ts.add(n);
            }
        }
        return db.write("alias_add", tx -> {
            String domain = s.startsWith("@") ? s.substring(1) : Addresses.domainOf(s);
            if (!domainExists(tx, domain)) {
                throw new DomainNotFoundException("not a local domain: " + domain);
            }
            if (tx.queryLong("SELECT COUNT(*) FROM aliases WHERE source = ?", s) > 0) {
                throw new AlreadyExistsException("alias already exists: " + s);
            }
            if (!s.startsWith("@") && AccountRows.byAddress(tx, s).isPresent()) {
                throw new AlreadyExistsException("an account already has the address " + s);
            }
            long id = tx.insert("INSERT INTO aliases (source, domain, created) VALUES (?, ?, ?)", s, domain,
                    System.currentTimeMillis());
            for (int i = 0; i < ts.size(); i++) {
                tx.update("INSERT INTO alias_targets (alias_id, pos, target) VALUES (?, ?, ?)", id, i, ts.get(i));
            }
            AliasResolver.expand(tx, s); // throws AliasLoopException, rolling the insert back
            return new Alias(s, List.copyOf(ts));
        });
    }

    @Override
    public List<Alias> aliases() {
        return db.read("alias_list", tx -> {
            Map<String, List<String>> bySource = new LinkedHashMap<>();
            tx.query("SELECT a.source, t.target FROM aliases a JOIN alias_targets t ON t.alias_id = a.id"
                    + " ORDER BY a.source, t.pos", rs -> {
                        bySource.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                        return null;
                    });
            List<Alias> out = new ArrayList<>();
            bySource.forEach((k, v) -> out.add(new Alias(k, List.copyOf(v))));
            return out;
        });
    }

    @Override
    public void removeAlias(String source) {
        String s = Addresses.aliasSource(source);
        db.write("alias_remove", tx -> {
            if (tx.update("DELETE FROM aliases WHERE source = ?", s) == 0) {
                throw new NotFoundException("no such alias: " + s);
            }
            return null;
        });
    }

    @Override
    public RecipientResolution resolve(String address) {
        String a = Addresses.address(address);
        return db.read("resolve", tx -> {
            if (!domainExists(tx, Addresses.domainOf(a))) {
                return new RecipientResolution.Remote(a);
            }
            AliasResolver.Expansion e;
            try {
                e = AliasResolver.expand(tx, a);
            } catch (org.tern.store.AliasLoopException loop) {
                return new RecipientResolution.UnknownUser(a);
            }
            if (e.accounts().isEmpty()) {
                return new RecipientResolution.UnknownUser(a);
            }
            return new RecipientResolution.Local(e.accounts());
        });
    }
}
