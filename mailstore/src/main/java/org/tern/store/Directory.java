package org.tern.store;

import java.util.List;
import java.util.Optional;

/** Domains, accounts and aliases. Addresses are compared case-insensitively and stored lower-case. */
public interface Directory {

    /** Adds a local domain. Throws {@link AlreadyExistsException} or {@link InvalidNameException}. */
    Domain addDomain(String name);

    List<Domain> domains();

    /** Removes a domain; {@link DomainNotEmptyException} while accounts or aliases use it. */
    void removeDomain(String name);

    boolean isLocalDomain(String domain);

    /**
     * Creates an account with an Argon2id password hash and its default mailboxes
     * (INBOX, Sent, Drafts, Trash, Junk, Archive). {@code quotaBytes} {@link Account#UNLIMITED} for none.
     */
    Account addAccount(String address, char[] password, long quotaBytes);

    Optional<Account> account(String address);

    /** Throws {@link AccountNotFoundException}. */
    Account account(long accountId);

    List<Account> accounts();

    List<Account> accountsInDomain(String domain);

    void setPassword(String address, char[] password);

    void setDisabled(String address, boolean disabled);

    void setQuota(String address, long quotaBytes);

    /** Removes the account; its mail too unless {@code keepMail} (then only login and address go). */
    void removeAccount(String address, boolean keepMail);

    /**
     * Verifies a password (Argon2id, about 100 ms: never call on an I/O thread).
     * Empty for an unknown, disabled or wrong login, indistinguishably.
     */
    Optional<Account> verifyPassword(String address, char[] password);

    QuotaUsage quotaUsage(long accountId);

    /** Adds an alias ({@code sales@example.org}, or catch-all {@code @example.org}); {@link AliasLoopException} on a loop. */
    Alias addAlias(String source, List<String> targets);

    List<Alias> aliases();

    void removeAlias(String source);

    /** Resolves an envelope recipient through aliases and catch-all to local accounts. */
    RecipientResolution resolve(String address);
}
