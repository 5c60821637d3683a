package org.tern.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.tern.store.Mailbox;
import org.tern.store.MailboxNotFoundException;
import org.tern.store.Origin;
import org.tern.store.SpecialUse;
import org.tern.store.event.StoreEvent;

/** SQL for mailbox rows shared by directory, mailboxes and messages. */
final class MailboxRows {

    static final String COLUMNS = "id, account_id, name, uid_validity, uid_next, highest_modseq, special_use, selectable";

    private MailboxRows() {
    }

    static Mailbox map(ResultSet rs) throws SQLException {
        return new Mailbox(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), specialUse(rs.getString(7)), rs.getBoolean(8));
    }

    static Set<SpecialUse> specialUse(String s) {
        if (s == null || s.isBlank()) {
            return Set.of();
        }
        EnumSet<SpecialUse> out = EnumSet.noneOf(SpecialUse.class);
        for (String n : s.trim().split(" +")) {
            out.add(SpecialUse.valueOf(n));
        }
        return out;
    }

    static String specialUse(Set<SpecialUse> s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        return s.stream().map(Enum::name).sorted().collect(Collectors.joining(" "));
    }

    static Optional<Mailbox> find(Tx tx, long accountId, String normalizedName) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM mailboxes WHERE account_id = ? AND name = ?",
                MailboxRows::map, accountId, normalizedName);
    }

    static Mailbox get(Tx tx, long mailboxId) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM mailboxes WHERE id = ?", MailboxRows::map, mailboxId)
                .orElseThrow(() -> new MailboxNotFoundException("no mailbox with id " + mailboxId));
    }

    /** Reads the mailbox and locks its row until commit. */
    static Mailbox lock(Tx tx, long mailboxId) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM mailboxes WHERE id = ? FOR UPDATE", MailboxRows::map,
                mailboxId).orElseThrow(() -> new MailboxNotFoundException("no mailbox with id " + mailboxId));
    }

    static List<Mailbox> list(Tx tx, long accountId) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM mailboxes WHERE account_id = ? ORDER BY name",
                MailboxRows::map, accountId);
    }

    /**
     * A fresh UIDVALIDITY: strictly greater than every one handed out before and at least the current epoch
     * second, so it stays unique even if the database is recreated (RFC 3501 §2.3.1.1).
     */
    static long nextUidValidity(Tx tx) throws SQLException {
        long now = Instant.now().getEpochSecond();
        tx.update("UPDATE store_counters SET counter_value = GREATEST(counter_value + 1, ?) WHERE name = 'uidvalidity'",
                now);
        long v = tx.queryLong("SELECT counter_value FROM store_counters WHERE name = 'uidvalidity'");
        return v & 0xFFFFFFFFL;
    }

    /** Inserts a mailbox row (the name must be normalised and free) and queues its created event. */
    static Mailbox insert(Tx tx, long accountId, String name, Set<SpecialUse> specialUse, boolean selectable,
                          Origin origin) throws SQLException {
        long uidValidity = nextUidValidity(tx);
        long id = tx.insert("INSERT INTO mailboxes (account_id, name, uid_validity, uid_next, highest_modseq,"
                        + " special_use, selectable) VALUES (?, ?, ?, 1, 1, ?, ?)",
                accountId, name, uidValidity, specialUse(specialUse), selectable);
        tx.publish(new StoreEvent.MailboxCreated(accountId, id, name, origin));
        return new Mailbox(id, accountId, name, uidValidity, 1, 1,
                specialUse == null ? Set.of() : Set.copyOf(specialUse), selectable);
    }
}
