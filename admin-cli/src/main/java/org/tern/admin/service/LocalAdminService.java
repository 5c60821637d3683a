package org.tern.admin.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tern.store.Account;
import org.tern.store.Alias;
import org.tern.store.Directory;
import org.tern.store.Domain;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.MailboxStatus;
import org.tern.store.QuotaUsage;
import org.tern.store.SpecialUse;
import org.tern.store.queue.QueueEntry;
import org.tern.store.queue.QueueStats;

/**
 * The admin operations on an open {@link MailStore}: used by the CLI when no server runs, and by the running
 * server behind the admin API. Does not own the store (the caller closes it).
 */
public final class LocalAdminService implements AdminService {

    private final MailStore store;
    private final ServerRuntime runtime;
    private final Clock clock;

    /** Offline: status reports no running server. */
    public LocalAdminService(MailStore store) {
        this(store, null, Clock.systemUTC());
    }

    /** Inside the running server: status reports its listeners and uptime. */
    public LocalAdminService(MailStore store, ServerRuntime runtime) {
        this(store, runtime, Clock.systemUTC());
    }

    LocalAdminService(MailStore store, ServerRuntime runtime, Clock clock) {
        this.store = store;
        this.runtime = runtime;
        this.clock = clock;
    }

    private Directory directory() {
        return store.directory();
    }

    // ---- domains

    @Override
    public List<DomainInfo> domains() {
        return StoreErrors.call(() -> {
            List<Account> accounts = directory().accounts();
            List<Alias> aliases = directory().aliases();
            return directory().domains().stream()
                    .sorted(Comparator.comparing(Domain::name))
                    .map(d -> domainInfo(d, accounts, aliases))
                    .toList();
        });
    }

    private static DomainInfo domainInfo(Domain d, List<Account> accounts, List<Alias> aliases) {
        long users = accounts.stream().filter(a -> a.domain().equalsIgnoreCase(d.name())).count();
        long aliasCount = aliases.stream().filter(a -> domainOf(a.source()).equalsIgnoreCase(d.name())).count();
        return new DomainInfo(d.name(), d.created(), users, aliasCount);
    }

    private static String domainOf(String addressOrCatchAll) {
        return addressOrCatchAll.substring(addressOrCatchAll.lastIndexOf('@') + 1);
    }

    @Override
    public DomainInfo addDomain(String name) {
        String domain = AddressSyntax.domain(name);
        return StoreErrors.call(() -> {
            Domain d = directory().addDomain(domain);
            return new DomainInfo(d.name(), d.created(), 0, 0);
        });
    }

    @Override
    public void removeDomain(String name) {
        String domain = AddressSyntax.domain(name);
        StoreErrors.run(() -> {
            requireDomain(domain);
            long users = directory().accountsInDomain(domain).size();
            long aliases = directory().aliases().stream()
                    .filter(a -> domainOf(a.source()).equals(domain)).count();
            // The store refuses too; checking here gives the operator the counts.
            if (users > 0 || aliases > 0) {
                throw AdminException.conflict("domain " + domain + " still has " + users + " user(s) and "
                        + aliases + " alias(es): remove them first");
            }
            directory().removeDomain(domain);
        });
    }

    private void requireDomain(String domain) {
        if (!directory().isLocalDomain(domain)) {
            throw AdminException.notFound("unknown domain " + domain);
        }
    }

    // ---- users

    @Override
    public List<UserInfo> users() {
        return StoreErrors.call(() -> directory().accounts().stream()
                .sorted(Comparator.comparing(Account::address))
                .map(this::userInfo)
                .toList());
    }

    @Override
    public List<UserInfo> usersInDomain(String domain) {
        String d = AddressSyntax.domain(domain);
        return StoreErrors.call(() -> {
            requireDomain(d);
            return directory().accountsInDomain(d).stream()
                    .sorted(Comparator.comparing(Account::address))
                    .map(this::userInfo)
                    .toList();
        });
    }

    @Override
    public UserInfo user(String address) {
        String a = AddressSyntax.address(address);
        return StoreErrors.call(() -> userInfo(account(a)));
    }

    private Account account(String address) {
        return directory().account(address)
                .orElseThrow(() -> AdminException.notFound("unknown user " + address));
    }

    private UserInfo userInfo(Account a) {
        QuotaUsage usage = directory().quotaUsage(a.id());
        return new UserInfo(a.address(), a.domain(), a.quotaBytes(), usage.usedBytes(), usage.messages(),
                a.disabled(), a.created());
    }

    @Override
    public UserInfo addUser(String address, char[] password, long quotaBytes, boolean allowWeak) {
        String a = AddressSyntax.address(address);
        checkQuota(quotaBytes);
        PasswordPolicy.check(password, allowWeak);
        return StoreErrors.call(() -> {
            String domain = domainOf(a);
            requireDomain(domain);
            if (directory().account(a).isPresent()) {
                throw AdminException.conflict("user " + a + " already exists");
            }
            if (directory().aliases().stream().anyMatch(al -> al.source().equals(a))) {
                throw AdminException.conflict(a + " is already an alias");
            }
            return userInfo(directory().addAccount(a, password, quotaBytes));
        });
    }

    private static void checkQuota(long quotaBytes) {
        if (quotaBytes != UserInfo.UNLIMITED && quotaBytes <= 0) {
            throw AdminException.badInput("invalid quota " + quotaBytes + ": must be more than 0 bytes"
                    + " (or unlimited)");
        }
    }

    @Override
    public void removeUser(String address, boolean keepMail) {
        String a = AddressSyntax.address(address);
        StoreErrors.run(() -> {
            account(a);
            directory().removeAccount(a, keepMail);
        });
    }

    @Override
    public void setPassword(String address, char[] password, boolean allowWeak) {
        String a = AddressSyntax.address(address);
        PasswordPolicy.check(password, allowWeak);
        StoreErrors.run(() -> {
            account(a);
            directory().setPassword(a, password);
        });
    }

    @Override
    public UserInfo setDisabled(String address, boolean disabled) {
        String a = AddressSyntax.address(address);
        return StoreErrors.call(() -> {
            account(a);
            directory().setDisabled(a, disabled);
            return userInfo(account(a));
        });
    }

    @Override
    public UserInfo setQuota(String address, long quotaBytes) {
        String a = AddressSyntax.address(address);
        checkQuota(quotaBytes);
        return StoreErrors.call(() -> {
            account(a);
            directory().setQuota(a, quotaBytes);
            return userInfo(account(a));
        });
    }

    // ---- aliases

    @Override
    public List<AliasInfo> aliases() {
        return StoreErrors.call(() -> directory().aliases().stream()
                .sorted(Comparator.comparing(Alias::source))
                .map(a -> new AliasInfo(a.source(), a.targets()))
                .toList());
    }

    @Override
    public AliasInfo addAlias(String source, List<String> targets) {
        String s = AddressSyntax.aliasSource(source);
        if (targets == null || targets.isEmpty()) {
            throw AdminException.badInput("alias " + s + " needs at least one target address");
        }
        List<String> t = new ArrayList<>();
        for (String target : targets) {
            String normal = AddressSyntax.address(target);
            if (!t.contains(normal)) {
                t.add(normal);
            }
        }
        return StoreErrors.call(() -> {
            requireDomain(domainOf(s));
            if (directory().aliases().stream().anyMatch(a -> a.source().equals(s))) {
                throw AdminException.conflict("alias " + s + " already exists");
            }
            if (directory().account(s).isPresent()) {
                throw AdminException.conflict(s + " is already a user");
            }
            Alias a = directory().addAlias(s, List.copyOf(t));
            return new AliasInfo(a.source(), a.targets());
        });
    }

    @Override
    public void removeAlias(String source) {
        String s = AddressSyntax.aliasSource(source);
        StoreErrors.run(() -> {
            if (directory().aliases().stream().noneMatch(a -> a.source().equals(s))) {
                throw AdminException.notFound("unknown alias " + s);
            }
            directory().removeAlias(s);
        });
    }

    // ---- mailboxes

    @Override
    public List<MailboxInfo> mailboxes(String address) {
        String a = AddressSyntax.address(address);
        return StoreErrors.call(() -> {
            long accountId = account(a).id();
            return store.mailboxes().list(accountId).stream().map(this::mailboxInfo).toList();
        });
    }

    private MailboxInfo mailboxInfo(Mailbox m) {
        List<String> uses = m.specialUse().stream()
                .sorted()
                .map(SpecialUse::attribute)
                .toList();
        if (!m.selectable()) {
            return new MailboxInfo(m.name(), 0, 0, 0, uses, false);
        }
        MailboxStatus s = store.mailboxes().status(m.id());
        return new MailboxInfo(m.name(), s.messages(), s.unseen(), s.sizeBytes(), uses, true);
    }

    @Override
    public MailboxInfo createMailbox(String address, String name) {
        String a = AddressSyntax.address(address);
        String n = AddressSyntax.mailboxName(name);
        return StoreErrors.call(() -> {
            long accountId = account(a).id();
            if (store.mailboxes().find(accountId, n).filter(Mailbox::selectable).isPresent()) {
                throw AdminException.conflict("mailbox " + n + " of " + a + " already exists");
            }
            return mailboxInfo(store.mailboxes().create(accountId, n, Set.of()));
        });
    }

    @Override
    public void renameMailbox(String address, String name, String newName) {
        String a = AddressSyntax.address(address);
        String from = AddressSyntax.mailboxName(name);
        String to = AddressSyntax.mailboxName(newName);
        StoreErrors.run(() -> {
            long accountId = account(a).id();
            requireMailbox(accountId, a, from);
            if (store.mailboxes().find(accountId, to).isPresent()) {
                throw AdminException.conflict("mailbox " + to + " of " + a + " already exists");
            }
            store.mailboxes().rename(accountId, from, to);
        });
    }

    @Override
    public void removeMailbox(String address, String name) {
        String a = AddressSyntax.address(address);
        String n = AddressSyntax.mailboxName(name);
        StoreErrors.run(() -> {
            long accountId = account(a).id();
            requireMailbox(accountId, a, n);
            if (n.toUpperCase(Locale.ROOT).equals("INBOX")) {
                throw AdminException.conflict("INBOX cannot be removed");
            }
            store.mailboxes().delete(accountId, n);
        });
    }

    private void requireMailbox(long accountId, String address, String name) {
        if (store.mailboxes().find(accountId, name).isEmpty()) {
            throw AdminException.notFound("unknown mailbox " + name + " of " + address);
        }
    }

    // ---- queue

    @Override
    public List<QueueEntryInfo> queue() {
        return StoreErrors.call(() -> store.queue().list().stream()
                .sorted(Comparator.comparingLong(QueueEntry::id))
                .map(LocalAdminService::queueEntryInfo)
                .toList());
    }

    @Override
    public QueueEntryInfo queueEntry(long id) {
        return StoreErrors.call(() -> queueEntryInfo(requireQueueEntry(id)));
    }

    private QueueEntry requireQueueEntry(long id) {
        return store.queue().get(id).orElseThrow(() -> AdminException.notFound("no queue entry " + id));
    }

    private static QueueEntryInfo queueEntryInfo(QueueEntry e) {
        List<QueueRecipientInfo> recipients = e.recipients().stream()
                .map(r -> new QueueRecipientInfo(r.address(), r.status().name(),
                        r.lastResponse() == null ? "" : r.lastResponse()))
                .toList();
        return new QueueEntryInfo(e.id(), e.envelopeFrom() == null ? "" : e.envelopeFrom(), recipients,
                e.created(), e.nextAttempt(), e.attempts(), e.lastError() == null ? "" : e.lastError());
    }

    @Override
    public void retryQueueEntry(long id) {
        StoreErrors.run(() -> {
            requireQueueEntry(id);
            store.queue().retryNow(id);
        });
    }

    @Override
    public int retryAllQueueEntries() {
        return StoreErrors.call(() -> {
            int n = store.queue().list().size();
            store.queue().retryAll();
            return n;
        });
    }

    @Override
    public void removeQueueEntry(long id) {
        StoreErrors.run(() -> {
            requireQueueEntry(id);
            store.queue().remove(id);
        });
    }

    // ---- status

    @Override
    public ServerStatus status() {
        return StoreErrors.call(() -> {
            Instant now = clock.instant();
            List<Account> accounts = directory().accounts();
            long messages = 0;
            for (Account a : accounts) {
                messages += directory().quotaUsage(a.id()).messages();
            }
            QueueStats queue = store.queue().stats(now);
            long domains = directory().domains().size();
            long storeBytes = store.blobs().totalBytes();
            String version = VersionInfo.current().version();
            if (runtime == null) {
                return new ServerStatus(false, version, null, 0, List.of(), domains, accounts.size(), messages,
                        queue.entries(), queue.oldestAgeSeconds(), storeBytes);
            }
            long uptime = Math.max(0, Duration.between(runtime.started(), now).getSeconds());
            return new ServerStatus(true, version, runtime.started(), uptime, runtime.listeners(), domains,
                    accounts.size(), messages, queue.entries(), queue.oldestAgeSeconds(), storeBytes);
        });
    }

    @Override
    public VersionInfo version() {
        return VersionInfo.current();
    }
}
