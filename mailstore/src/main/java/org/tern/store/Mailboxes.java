package org.tern.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Per-account folders. Names use '/' as hierarchy delimiter, are stored in UTF-8 (not modified UTF-7)
 * and "INBOX" is matched case-insensitively. Renames and deletes follow RFC 3501 §6.3.4-§6.3.5.
 */
public interface Mailboxes {

    char DELIMITER = '/';

    /** All mailboxes of the account, sorted by name. */
    List<Mailbox> list(long accountId);

    Optional<Mailbox> find(long accountId, String name);

    /** Throws {@link MailboxNotFoundException}. */
    Mailbox get(long mailboxId);

    /** Creates the mailbox and any missing parents; {@link AlreadyExistsException}, {@link InvalidNameException}. */
    Mailbox create(long accountId, String name, Set<SpecialUse> specialUse);

    /** Renames with all children; renaming INBOX moves its messages to the new mailbox and leaves INBOX empty. */
    void rename(long accountId, String from, String to);

    /**
     * Deletes a mailbox and its messages. With children it becomes \Noselect instead (RFC 3501);
     * INBOX and a \Noselect mailbox with children cannot be deleted ({@link MailboxOperationException}).
     */
    void delete(long accountId, String name);

    /** Subscriptions are names; they may name mailboxes that do not exist. */
    void setSubscribed(long accountId, String name, boolean subscribed);

    List<String> subscriptions(long accountId);

    MailboxStatus status(long mailboxId);
}
