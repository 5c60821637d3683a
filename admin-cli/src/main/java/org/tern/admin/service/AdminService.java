package org.tern.admin.service;

import java.util.List;

/**
 * Everything the {@code tern} admin commands do, whatever the transport: {@link LocalAdminService} works on
 * an open store (offline CLI, and the running server behind the admin API), {@code HttpAdminClient} calls that
 * API. Every method throws {@link AdminException} with a message fit for an operator.
 * Addresses and domains are case-insensitive and returned lower-case.
 */
public interface AdminService {

    List<DomainInfo> domains();

    DomainInfo addDomain(String name);

    /** Refused ({@link AdminException.Kind#CONFLICT}) while accounts or aliases use the domain. */
    void removeDomain(String name);

    List<UserInfo> users();

    /** Accounts of one domain; {@link AdminException.Kind#NOT_FOUND} if the domain is not local. */
    List<UserInfo> usersInDomain(String domain);

    UserInfo user(String address);

    /**
     * Creates an account with its default mailboxes. Passwords shorter than
     * {@link PasswordPolicy#MIN_LENGTH} characters are refused unless {@code allowWeak}.
     * {@code quotaBytes} {@link UserInfo#UNLIMITED} for none.
     */
    UserInfo addUser(String address, char[] password, long quotaBytes, boolean allowWeak);

    /** Removes the account and its mail, or only the login and address when {@code keepMail}. */
    void removeUser(String address, boolean keepMail);

    void setPassword(String address, char[] password, boolean allowWeak);

    UserInfo setDisabled(String address, boolean disabled);

    UserInfo setQuota(String address, long quotaBytes);

    List<AliasInfo> aliases();

    /** Adds {@code source} ({@code a@d} or catch-all {@code @d}); {@link AdminException.Kind#CONFLICT} on a loop. */
    AliasInfo addAlias(String source, List<String> targets);

    void removeAlias(String source);

    List<MailboxInfo> mailboxes(String address);

    MailboxInfo createMailbox(String address, String name);

    void renameMailbox(String address, String name, String newName);

    void removeMailbox(String address, String name);

    List<QueueEntryInfo> queue();

    QueueEntryInfo queueEntry(long id);

    /** Makes one entry due now. */
    void retryQueueEntry(long id);

    /** Makes every entry due now; returns how many there were. */
    int retryAllQueueEntries();

    void removeQueueEntry(long id);

    ServerStatus status();

    VersionInfo version();
}
