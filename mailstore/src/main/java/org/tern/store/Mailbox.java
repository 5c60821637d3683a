package org.tern.store;

import java.util.Set;

/** A folder and its IMAP identity. {@code selectable} is false for a \Noselect placeholder. */
public record Mailbox(long id, long accountId, String name, long uidValidity, long uidNext,
                      long highestModSeq, Set<SpecialUse> specialUse, boolean selectable) {

    public boolean isInbox() {
        return name.equalsIgnoreCase("INBOX");
    }
}
