package org.tern.store.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tern.store.AlreadyExistsException;
import org.tern.store.InvalidNameException;
import org.tern.store.Mailbox;
import org.tern.store.MailboxNotFoundException;
import org.tern.store.MailboxOperationException;
import org.tern.store.MailboxStatus;
import org.tern.store.Mailboxes;
import org.tern.store.Origin;
import org.tern.store.SpecialUse;
import org.tern.store.event.StoreEvent;
import org.tern.store.names.MailboxNames;

/** Folders in SQL, with the RFC 3501 §6.3.3-§6.3.5 rules for CREATE, DELETE and RENAME. */
final class JdbcMailboxes implements Mailboxes {

    private final Database db;

    JdbcMailboxes(Database db) {
        this.db = db;
    }

    @Override
    public List<Mailbox> list(long accountId) {
        return db.read("mailbox_list", tx -> MailboxRows.list(tx, accountId));
    }

    @Override
    public Optional<Mailbox> find(long accountId, String name) {
        String n;
        try {
            n = MailboxNames.normalize(name);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return db.read("mailbox_find", tx -> MailboxRows.find(tx, accountId, n));
    }

    @Override
    public Mailbox get(long mailboxId) {
        return db.read("mailbox_get", tx -> MailboxRows.get(tx, mailboxId));
    }

    @Override
    public Mailbox create(long accountId, String name, Set<SpecialUse> specialUse) {
        String n = MailboxNames.normalize(name);
        return db.write("mailbox_create", tx -> {
            lockAccount(tx, accountId);
            Optional<Mailbox> existing = MailboxRows.find(tx, accountId, n);
            if (existing.isPresent()) {
                Mailbox mb = existing.get();
                if (mb.selectable()) {
                    throw new AlreadyExistsException("mailbox already exists: " + n);
                }
                // RFC 3501 §6.3.3: creating a \Noselect placeholder's name makes it a real mailbox.
                tx.update("UPDATE mailboxes SET selectable = TRUE, special_use = ? WHERE id = ?",
                        MailboxRows.specialUse(specialUse), mb.id());
                tx.publish(new StoreEvent.MailboxCreated(accountId, mb.id(), n, Origin.SYSTEM));
                return MailboxRows.get(tx, mb.id());
            }
            createParents(tx, accountId, n);
            return MailboxRows.insert(tx, accountId, n, specialUse, true, Origin.SYSTEM);
        });
    }

    /** Locks the account row: serialises folder-tree changes of one account. */
    private static void lockAccount(Tx tx, long accountId) throws SQLException {
        if (tx.queryOne("SELECT id FROM accounts WHERE id = ? AND removed = FALSE FOR UPDATE",
                rs -> rs.getLong(1), accountId).isEmpty()) {
            throw new org.tern.store.AccountNotFoundException("no account with id " + accountId);
        }
    }

    private static void createParents(Tx tx, long accountId, String name) throws SQLException {
        for (String parent : MailboxNames.parents(name)) {
            if (MailboxRows.find(tx, accountId, parent).isEmpty()) {
                MailboxRows.insert(tx, accountId, parent, Set.of(), true, Origin.SYSTEM);
            }
        }
    }

    @Override
    public void rename(long accountId, String from, String to) {
        String f = MailboxNames.normalize(from);
        String t = MailboxNames.normalize(to);
        db.write("mailbox_rename", tx -> {
            lockAccount(tx, accountId);
            Mailbox source = MailboxRows.find(tx, accountId, f)
                    .orElseThrow(() -> new MailboxNotFoundException("no such mailbox: " + f));
            if (f.equals(t)) {
                throw new MailboxOperationException("cannot rename a mailbox to itself: " + f);
            }
            if (MailboxRows.find(tx, accountId, t).isPresent()) {
                throw new AlreadyExistsException("mailbox already exists: " + t);
            }
            if (t.startsWith(f + DELIMITER)) {
                throw new MailboxOperationException("cannot move a mailbox into its own child: " + t);
            }
            if (MailboxNames.isInbox(f)) {
                renameInbox(tx, source, t);
                return null;
            }
            renameTree(tx, accountId, f, t);
            return null;
        });
    }

    private static void renameTree(Tx tx, long accountId, String f, String t) throws SQLException {
        List<Mailbox> moving = new ArrayList<>();
        for (Mailbox mb : MailboxRows.list(tx, accountId)) {
            if (mb.name().equals(f) || mb.name().startsWith(f + DELIMITER)) {
                moving.add(mb);
            }
        }
        for (Mailbox mb : moving) {
            String newName = t + mb.name().substring(f.length());
            MailboxNames.normalize(newName);
            if (MailboxRows.find(tx, accountId, newName).isPresent()) {
                throw new AlreadyExistsException("mailbox already exists: " + newName);
            }
        }
        createParents(tx, accountId, t);
        for (Mailbox mb : moving) {
            String newName = t + mb.name().substring(f.length());
            tx.update("UPDATE mailboxes SET name = ? WHERE id = ?", newName, mb.id());
            if (tx.update("DELETE FROM subscriptions WHERE account_id = ? AND name = ?", accountId, mb.name()) > 0) {
                insertSubscription(tx, accountId, newName);
            }
            tx.publish(new StoreEvent.MailboxRenamed(accountId, mb.id(), mb.name(), newName, Origin.SYSTEM));
        }
    }

    /** RFC 3501 §6.3.5: INBOX's messages move to a new mailbox; INBOX stays, empty; its children stay. */
    private static void renameInbox(Tx tx, Mailbox inbox, String t) throws SQLException {
        long accountId = inbox.accountId();
        Mailbox locked = MailboxRows.lock(tx, inbox.id());
        createParents(tx, accountId, t);
        Mailbox target = MailboxRows.insert(tx, accountId, t, Set.of(), true, Origin.SYSTEM);
        List<Long> uids = tx.query("SELECT uid FROM message_rows WHERE mailbox_id = ? ORDER BY uid",
                rs -> rs.getLong(1), inbox.id());
        long modSeq = locked.highestModSeq() + 1;
        long[] counters = tx.queryOne("SELECT message_count, unseen_count, recent_count, size_bytes FROM mailboxes"
                + " WHERE id = ?", rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)},
                inbox.id()).orElseThrow();
        // The new mailbox has a fresh UIDVALIDITY, so the messages can keep their UIDs.
        // The recent messages stay recent: the new mailbox takes INBOX's recent floor; INBOX, now empty, gets one
        // at its uid_next so that only messages arriving later are recent there.
        tx.update("UPDATE mailboxes SET uid_next = ?, highest_modseq = ?, first_recent_uid ="
                + " (SELECT first_recent_uid FROM mailboxes WHERE id = ?) WHERE id = ?",
                locked.uidNext(), modSeq, inbox.id(), target.id());
        tx.update("UPDATE mailboxes SET first_recent_uid = uid_next WHERE id = ?", inbox.id());
        tx.update("INSERT INTO message_rows (msg_key, mailbox_id, uid, modseq, flags, keywords, internal_date, size,"
                + " blob_id, seen, body_id) SELECT ? + uid, ?, uid, ?, flags, keywords, internal_date, size, blob_id,"
                + " seen, body_id FROM message_rows WHERE mailbox_id = ?",
                MessageRows.key(target.id(), 0), target.id(), modSeq, inbox.id());
        tx.update("DELETE FROM message_rows WHERE mailbox_id = ?", inbox.id());
        MessageRows.adjust(tx, target.id(), counters[0], counters[1], counters[2], counters[3]);
        MessageRows.adjust(tx, inbox.id(), -counters[0], -counters[1], -counters[2], -counters[3]);
        tx.update("UPDATE mailboxes SET highest_modseq = ? WHERE id = ?", modSeq, inbox.id());
        insertTombstones(tx, inbox.id(), uids, modSeq);
        if (!uids.isEmpty()) {
            tx.publish(new StoreEvent.MessagesExpunged(accountId, inbox.id(), uids, modSeq, Origin.SYSTEM));
            tx.publish(new StoreEvent.MessagesAdded(accountId, target.id(), uids, modSeq, Origin.SYSTEM));
        }
    }

    static void insertTombstones(Tx tx, long mailboxId, List<Long> uids, long modSeq) throws SQLException {
        if (uids.isEmpty()) {
            return;
        }
        try (var ps = tx.connection().prepareStatement(
                "INSERT INTO expunged (mailbox_id, uid, modseq) VALUES (?, ?, ?)")) {
            for (long uid : uids) {
                ps.setLong(1, mailboxId);
                ps.setLong(2, uid);
                ps.setLong(3, modSeq);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void delete(long accountId, String name) {
        String n = MailboxNames.normalize(name);
        if (MailboxNames.isInbox(n)) {
            throw new MailboxOperationException("INBOX cannot be deleted");
        }
        db.write("mailbox_delete", tx -> {
            lockAccount(tx, accountId);
            Mailbox mb = MailboxRows.find(tx, accountId, n)
                    .orElseThrow(() -> new MailboxNotFoundException("no such mailbox: " + n));
            boolean hasChildren = MailboxRows.list(tx, accountId).stream()
                    .anyMatch(m -> m.name().startsWith(n + DELIMITER));
            if (hasChildren && !mb.selectable()) {
                throw new MailboxOperationException("mailbox " + n + " has children and is already \\Noselect");
            }
            MailboxRows.lock(tx, mb.id());
            removeMessages(tx, accountId, mb.id());
            if (hasChildren) {
                // RFC 3501 §6.3.4: messages go, the name stays as a \Noselect parent.
                tx.update("UPDATE mailboxes SET selectable = FALSE, special_use = NULL WHERE id = ?", mb.id());
                tx.update("DELETE FROM expunged WHERE mailbox_id = ?", mb.id());
            } else {
                tx.update("DELETE FROM expunged WHERE mailbox_id = ?", mb.id());
                tx.update("DELETE FROM mailboxes WHERE id = ?", mb.id());
            }
            tx.publish(new StoreEvent.MailboxDeleted(accountId, mb.id(), n, Origin.SYSTEM));
            return null;
        });
    }

    /** Deletes all messages of a (locked) mailbox and gives their bytes back to the account's quota. */
    private static void removeMessages(Tx tx, long accountId, long mailboxId) throws SQLException {
        long[] sums = tx.queryOne("SELECT message_count, size_bytes FROM mailboxes WHERE id = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, mailboxId).orElse(new long[2]);
        // Even when the counter says empty: a body row left behind would keep its blob forever.
        List<Long> bodies = BodyRows.where(tx, "mailbox_id = ?", mailboxId);
        tx.update("DELETE FROM message_rows WHERE mailbox_id = ?", mailboxId);
        BodyRows.release(tx, bodies);
        tx.update("UPDATE mailboxes SET message_count = 0, unseen_count = 0, recent_count = 0, size_bytes = 0"
                + " WHERE id = ?", mailboxId);
        if (sums[0] != 0 || sums[1] != 0) {
            tx.update("UPDATE accounts SET used_bytes = used_bytes - ?, message_count = message_count - ?"
                    + " WHERE id = ?", sums[1], sums[0], accountId);
        }
    }

    @Override
    public void setSubscribed(long accountId, String name, boolean subscribed) {
        String n = MailboxNames.normalize(name);
        db.write("mailbox_subscribe", tx -> {
            lockAccount(tx, accountId);
            boolean present = tx.queryLong("SELECT COUNT(*) FROM subscriptions WHERE account_id = ? AND name = ?",
                    accountId, n) > 0;
            if (subscribed && !present) {
                insertSubscription(tx, accountId, n);
            } else if (!subscribed && present) {
                tx.update("DELETE FROM subscriptions WHERE account_id = ? AND name = ?", accountId, n);
            } else {
                tx.nothingChanged();
            }
            return null;
        });
    }

    private static void insertSubscription(Tx tx, long accountId, String name) throws SQLException {
        if (tx.queryLong("SELECT COUNT(*) FROM subscriptions WHERE account_id = ? AND name = ?", accountId, name) == 0) {
            tx.update("INSERT INTO subscriptions (account_id, name) VALUES (?, ?)", accountId, name);
        }
    }

    @Override
    public List<String> subscriptions(long accountId) {
        return db.read("mailbox_subscriptions", tx -> tx.query(
                "SELECT name FROM subscriptions WHERE account_id = ? ORDER BY name", rs -> rs.getString(1), accountId));
    }

    @Override
    public MailboxStatus status(long mailboxId) {
        return db.read("mailbox_status", tx -> {
            long[] c = tx.queryOne("SELECT message_count, unseen_count, recent_count, size_bytes, uid_next,"
                    + " uid_validity, highest_modseq FROM mailboxes WHERE id = ?", rs -> new long[] {rs.getLong(1),
                    rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)},
                    mailboxId).orElseThrow(() -> new MailboxNotFoundException("no mailbox with id " + mailboxId));
            long firstUnseen = c[1] == 0 ? 0 : tx.queryLong("SELECT uid FROM message_rows WHERE mailbox_id = ?"
                    // ordered like the (mailbox_id, seen, uid) index, so this is one index seek, not a sort
                    + " AND seen = FALSE ORDER BY mailbox_id, seen, uid FETCH FIRST 1 ROWS ONLY", mailboxId);
            return new MailboxStatus(mailboxId, c[0], c[1], c[2], c[4], c[5], c[6], c[3], firstUnseen);
        });
    }
}
