package org.tern.pop3.maildrop;

import java.util.Collection;

import org.tern.store.FlagOperation;
import org.tern.store.Flags;
import org.tern.store.MailStore;
import org.tern.store.Origin;
import org.tern.store.UidSet;

/**
 * Sets \Seen on the messages a session retrieved, in one store transaction when the session ends (QUIT or
 * drop), as Dovecot does: one flag change per session instead of one per RETR.
 */
public final class SeenMarker {

    private final MailStore store;
    private final boolean enabled;

    public SeenMarker(MailStore store, boolean enabled) {
        this.store = store;
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public void markSeen(long mailboxId, Collection<Long> uids, Origin origin) {
        if (!enabled || uids.isEmpty()) {
            return;
        }
        store.messages().storeFlags(mailboxId, UidSet.of(uids), FlagOperation.ADD, Flags.of(Flags.SystemFlag.SEEN), 0, origin);
    }
}
