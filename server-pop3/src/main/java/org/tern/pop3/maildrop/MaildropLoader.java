package org.tern.pop3.maildrop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tern.store.ExpungeMode;
import org.tern.store.Flags;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.MessageMeta;
import org.tern.store.Origin;
import org.tern.store.UidSet;

/**
 * Takes the login snapshot of an account's INBOX. With {@code leaveDays > 0} it first expunges the INBOX
 * messages that are \Seen and older (by internal date) than that many days, in one store transaction: a simple
 * form of RFC 2449 EXPIRE for clients that "leave mail on server".
 */
public final class MaildropLoader {

    private final MailStore store;
    private final int leaveDays;
    private final Clock clock;

    public MaildropLoader(MailStore store, int leaveDays, Clock clock) {
        this.store = store;
        this.leaveDays = leaveDays;
        this.clock = clock;
    }

    /** The account's INBOX, which is the POP3 maildrop. */
    public Optional<Mailbox> inbox(long accountId) {
        return store.mailboxes().find(accountId, "INBOX");
    }

    /** The snapshot of the INBOX (after expiring old retrieved messages when configured). */
    public Maildrop load(Mailbox inbox, Origin origin) {
        List<MessageMeta> metas = store.messages().list(inbox.id(), UidSet.ALL);
        metas = expireOld(inbox.id(), metas, origin);
        List<MaildropEntry> entries = new ArrayList<>(metas.size());
        int n = 1;
        for (MessageMeta m : metas) {
            boolean seen = m.flags().contains(Flags.SystemFlag.SEEN);
            entries.add(new MaildropEntry(n++, m.uid(), m.size(), m.blobId(), seen));
        }
        return new Maildrop(inbox.id(), inbox.uidValidity(), entries);
    }

    private List<MessageMeta> expireOld(long mailboxId, List<MessageMeta> metas, Origin origin) {
        if (leaveDays <= 0) {
            return metas;
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(leaveDays));
        List<Long> expired = new ArrayList<>();
        List<MessageMeta> kept = new ArrayList<>(metas.size());
        for (MessageMeta m : metas) {
            if (m.flags().contains(Flags.SystemFlag.SEEN) && m.internalDate().isBefore(cutoff)) {
                expired.add(m.uid());
            } else {
                kept.add(m);
            }
        }
        if (!expired.isEmpty()) {
            store.messages().expunge(mailboxId, UidSet.of(expired), ExpungeMode.ALL_GIVEN, origin);
        }
        return kept;
    }
}
