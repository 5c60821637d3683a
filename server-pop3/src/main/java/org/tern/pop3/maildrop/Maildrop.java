package org.tern.pop3.maildrop;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The INBOX as the POP3 session saw it at login (RFC 1939 §4: numbers 1..n fixed for the session), plus the
 * deletion marks. Not thread-safe: owned by one session.
 */
public final class Maildrop {

    private final long mailboxId;
    private final long uidValidity;
    private final List<MaildropEntry> entries;
    private final BitSet deleted = new BitSet();
    private int liveCount;
    private long liveSize;

    public Maildrop(long mailboxId, long uidValidity, List<MaildropEntry> entries) {
        this.mailboxId = mailboxId;
        this.uidValidity = uidValidity;
        this.entries = List.copyOf(entries);
        for (int i = 0; i < this.entries.size(); i++) {
            if (this.entries.get(i).number() != i + 1) {
                throw new IllegalArgumentException("entries must be numbered 1..n");
            }
        }
        reset();
    }

    public long mailboxId() {
        return mailboxId;
    }

    /** The message's unique-id (RFC 1939 §7 UIDL). */
    public String uidl(MaildropEntry entry) {
        return Uidl.of(uidValidity, entry.uid());
    }

    /** Messages not marked deleted. */
    public int count() {
        return liveCount;
    }

    /** Octets of the messages not marked deleted. */
    public long size() {
        return liveSize;
    }

    /** Highest message number of the snapshot (deleted or not). */
    public int highest() {
        return entries.size();
    }

    /** The message, if the number exists and is not marked deleted. */
    public Optional<MaildropEntry> live(int number) {
        if (!exists(number) || isDeleted(number)) {
            return Optional.empty();
        }
        return Optional.of(entries.get(number - 1));
    }

    public boolean exists(int number) {
        return number >= 1 && number <= entries.size();
    }

    public boolean isDeleted(int number) {
        return deleted.get(number - 1);
    }

    /** Marks a live message deleted; false if it does not exist or is already marked. */
    public boolean markDeleted(int number) {
        if (!exists(number) || isDeleted(number)) {
            return false;
        }
        deleted.set(number - 1);
        liveCount--;
        liveSize -= entries.get(number - 1).size();
        return true;
    }

    /** RSET: unmarks everything. */
    public void reset() {
        deleted.clear();
        liveCount = entries.size();
        long s = 0;
        for (MaildropEntry e : entries) {
            s += e.size();
        }
        liveSize = s;
    }

    /** The messages not marked deleted, by number. */
    public List<MaildropEntry> liveEntries() {
        List<MaildropEntry> out = new ArrayList<>(liveCount);
        for (MaildropEntry e : entries) {
            if (!deleted.get(e.number() - 1)) {
                out.add(e);
            }
        }
        return out;
    }

    /** UIDs of the messages marked deleted, ascending. */
    public List<Long> deletedUids() {
        List<Long> out = new ArrayList<>();
        for (int i = deleted.nextSetBit(0); i >= 0; i = deleted.nextSetBit(i + 1)) {
            out.add(entries.get(i).uid());
        }
        return out;
    }
}
