package org.tern.admin.testing;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.tern.store.Account;
import org.tern.store.AccountNotFoundException;
import org.tern.store.Alias;
import org.tern.store.AliasLoopException;
import org.tern.store.AlreadyExistsException;
import org.tern.store.Directory;
import org.tern.store.Domain;
import org.tern.store.DomainNotEmptyException;
import org.tern.store.DomainNotFoundException;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.MailboxNotFoundException;
import org.tern.store.MailboxOperationException;
import org.tern.store.MailboxStatus;
import org.tern.store.Mailboxes;
import org.tern.store.Messages;
import org.tern.store.NotFoundException;
import org.tern.store.QuotaUsage;
import org.tern.store.RecipientResolution;
import org.tern.store.SpecialUse;
import org.tern.store.blob.BlobStore;
import org.tern.store.event.EventBus;
import org.tern.store.queue.OutboundQueue;
import org.tern.store.queue.QueueEntry;
import org.tern.store.queue.QueueRecipient;
import org.tern.store.queue.QueueStats;

/**
 * A stand-in for the H2 store while the mailstore module is still a stub (MailStores.open throws): follows the
 * Javadoc contract of Directory, Mailboxes and OutboundQueue closely enough for the admin tests. Tests use the
 * real store as soon as it exists ({@link TestStores}); this class is then only a fallback.
 */
public final class InMemoryMailStore implements MailStore {

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Domain> domains = new TreeMap<>();
    private final Map<String, Account> accounts = new TreeMap<>();
    private final Map<String, char[]> passwords = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new TreeMap<>();
    private final Map<Long, Mailbox> mailboxes = new TreeMap<>();
    private final Map<Long, QueueEntry> queue = new TreeMap<>();
    private final FakeDirectory directory = new FakeDirectory();
    private final FakeMailboxes boxes = new FakeMailboxes();
    private final FakeQueue outbound = new FakeQueue();

    @Override
    public Directory directory() {
        return directory;
    }

    @Override
    public Mailboxes mailboxes() {
        return boxes;
    }

    @Override
    public Messages messages() {
        throw new UnsupportedOperationException("no messages in the in-memory stand-in");
    }

    @Override
    public OutboundQueue queue() {
        return outbound;
    }

    @Override
    public EventBus events() {
        throw new UnsupportedOperationException("no events in the in-memory stand-in");
    }

    @Override
    public BlobStore blobs() {
        return new BlobStore() {
            @Override
            public InputStream open(String blobId) {
                throw new NotFoundException("no blob " + blobId);
            }

            @Override
            public InputStream open(String blobId, long offset, long length) {
                throw new NotFoundException("no blob " + blobId);
            }

            @Override
            public long size(String blobId) {
                return 0;
            }

            @Override
            public boolean exists(String blobId) {
                return false;
            }

            @Override
            public long totalBytes() {
                return 0;
            }
        };
    }

    @Override
    public boolean isHealthy() {
        return true;
    }

    @Override
    public void close() {
        // shared between "opens" of the same data folder
    }

    /** Queues a message for remote recipients, as Messages.deliver would. */
    public synchronized long enqueue(String from, List<String> recipients) {
        long id = ids.incrementAndGet();
        List<QueueRecipient> r = recipients.stream()
                .map(a -> new QueueRecipient(a, QueueRecipient.Status.PENDING, null, null, null)).toList();
        queue.put(id, new QueueEntry(id, "blob" + id, from, r, null, null, Instant.now(), Instant.now(), 0, null));
        return id;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private final class FakeDirectory implements Directory {

        @Override
        public Domain addDomain(String name) {
            synchronized (InMemoryMailStore.this) {
                String d = lower(name);
                if (domains.containsKey(d)) {
                    throw new AlreadyExistsException("domain " + d + " already exists");
                }
                Domain domain = new Domain(ids.incrementAndGet(), d, Instant.now());
                domains.put(d, domain);
                return domain;
            }
        }

        @Override
        public List<Domain> domains() {
            synchronized (InMemoryMailStore.this) {
                return List.copyOf(domains.values());
            }
        }

        @Override
        public void removeDomain(String name) {
            synchronized (InMemoryMailStore.this) {
                String d = lower(name);
                if (!domains.containsKey(d)) {
                    throw new DomainNotFoundException("no domain " + d);
                }
                boolean used = accounts.values().stream().anyMatch(a -> a.domain().equals(d))
                        || aliases.keySet().stream().anyMatch(s -> s.endsWith("@" + d));
                if (used) {
                    throw new DomainNotEmptyException("domain " + d + " is still used");
                }
                domains.remove(d);
            }
        }

        @Override
        public boolean isLocalDomain(String domain) {
            synchronized (InMemoryMailStore.this) {
                return domains.containsKey(lower(domain));
            }
        }

        @Override
        public Account addAccount(String address, char[] password, long quotaBytes) {
            synchronized (InMemoryMailStore.this) {
                String a = lower(address);
                String d = a.substring(a.indexOf('@') + 1);
                if (!domains.containsKey(d)) {
                    throw new DomainNotFoundException("no domain " + d);
                }
                if (accounts.containsKey(a)) {
                    throw new AlreadyExistsException("account " + a + " already exists");
                }
                Account account = new Account(ids.incrementAndGet(), a, d, quotaBytes, false, Instant.now());
                accounts.put(a, account);
                passwords.put(a, password.clone());
                for (String box : List.of("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive")) {
                    boxes.create(account.id(), box, Set.of());
                }
                return account;
            }
        }

        @Override
        public Optional<Account> account(String address) {
            synchronized (InMemoryMailStore.this) {
                return Optional.ofNullable(accounts.get(lower(address)));
            }
        }

        @Override
        public Account account(long accountId) {
            synchronized (InMemoryMailStore.this) {
                return accounts.values().stream().filter(a -> a.id() == accountId).findFirst()
                        .orElseThrow(() -> new AccountNotFoundException("no account " + accountId));
            }
        }

        @Override
        public List<Account> accounts() {
            synchronized (InMemoryMailStore.this) {
                return List.copyOf(accounts.values());
            }
        }

        @Override
        public List<Account> accountsInDomain(String domain) {
            synchronized (InMemoryMailStore.this) {
                return accounts.values().stream().filter(a -> a.domain().equals(lower(domain))).toList();
            }
        }

        private Account existing(String address) {
            Account a = accounts.get(lower(address));
            if (a == null) {
                throw new AccountNotFoundException("no account " + address);
            }
            return a;
        }

        @Override
        public void setPassword(String address, char[] password) {
            synchronized (InMemoryMailStore.this) {
                existing(address);
                passwords.put(lower(address), password.clone());
            }
        }

        @Override
        public void setDisabled(String address, boolean disabled) {
            synchronized (InMemoryMailStore.this) {
                Account a = existing(address);
                accounts.put(a.address(), new Account(a.id(), a.address(), a.domain(), a.quotaBytes(), disabled,
                        a.created()));
            }
        }

        @Override
        public void setQuota(String address, long quotaBytes) {
            synchronized (InMemoryMailStore.this) {
                Account a = existing(address);
                accounts.put(a.address(), new Account(a.id(), a.address(), a.domain(), quotaBytes, a.disabled(),
                        a.created()));
            }
        }

        @Override
        public void removeAccount(String address, boolean keepMail) {
            synchronized (InMemoryMailStore.this) {
                Account a = existing(address);
                accounts.remove(a.address());
                passwords.remove(a.address());
                if (!keepMail) {
                    mailboxes.values().removeIf(m -> m.accountId() == a.id());
                }
            }
        }

        @Override
        public Optional<Account> verifyPassword(String address, char[] password) {
            synchronized (InMemoryMailStore.this) {
                Account a = accounts.get(lower(address));
                if (a == null || a.disabled() || !Arrays.equals(passwords.get(a.address()), password)) {
                    return Optional.empty();
                }
                return Optional.of(a);
            }
        }

        @Override
        public QuotaUsage quotaUsage(long accountId) {
            return new QuotaUsage(0, 0, account(accountId).quotaBytes());
        }

        @Override
        public Alias addAlias(String source, List<String> targets) {
            synchronized (InMemoryMailStore.this) {
                String s = lower(source);
                String d = s.substring(s.indexOf('@') + 1);
                if (!domains.containsKey(d)) {
                    throw new DomainNotFoundException("no domain " + d);
                }
                if (aliases.containsKey(s)) {
                    throw new AlreadyExistsException("alias " + s + " already exists");
                }
                List<String> t = targets.stream().map(InMemoryMailStore::lower).toList();
                if (reaches(t, s)) {
                    throw new AliasLoopException("alias " + s + " would loop back to itself");
                }
                Alias alias = new Alias(s, t);
                aliases.put(s, alias);
                return alias;
            }
        }

        private boolean reaches(List<String> start, String source) {
            Deque<String> todo = new ArrayDeque<>(start);
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String next = todo.pop();
                boolean caughtAll = source.startsWith("@") && next.endsWith(source) && !accounts.containsKey(next);
                if (next.equals(source) || caughtAll) {
                    return true;
                }
                if (seen.add(next) && aliases.containsKey(next)) {
                    todo.addAll(aliases.get(next).targets());
                }
            }
            return false;
        }

        @Override
        public List<Alias> aliases() {
            synchronized (InMemoryMailStore.this) {
                return List.copyOf(aliases.values());
            }
        }

        @Override
        public void removeAlias(String source) {
            synchronized (InMemoryMailStore.this) {
                if (aliases.remove(lower(source)) == null) {
                    throw new NotFoundException("no alias " + source);
                }
            }
        }

        @Override
        public RecipientResolution resolve(String address) {
            throw new UnsupportedOperationException();
        }
    }

    private final class FakeMailboxes implements Mailboxes {

        @Override
        public List<Mailbox> list(long accountId) {
            synchronized (InMemoryMailStore.this) {
                return mailboxes.values().stream().filter(m -> m.accountId() == accountId)
                        .sorted(Comparator.comparing(Mailbox::name)).toList();
            }
        }

        @Override
        public Optional<Mailbox> find(long accountId, String name) {
            synchronized (InMemoryMailStore.this) {
                return mailboxes.values().stream()
                        .filter(m -> m.accountId() == accountId && same(m.name(), name)).findFirst();
            }
        }

        private boolean same(String a, String b) {
            return a.equalsIgnoreCase("INBOX") ? b.equalsIgnoreCase("INBOX") : a.equals(b);
        }

        @Override
        public Mailbox get(long mailboxId) {
            synchronized (InMemoryMailStore.this) {
                Mailbox m = mailboxes.get(mailboxId);
                if (m == null) {
                    throw new MailboxNotFoundException("no mailbox " + mailboxId);
                }
                return m;
            }
        }

        @Override
        public Mailbox create(long accountId, String name, Set<SpecialUse> specialUse) {
            synchronized (InMemoryMailStore.this) {
                Optional<Mailbox> existing = find(accountId, name);
                if (existing.isPresent() && existing.get().selectable()) {
                    throw new AlreadyExistsException("mailbox " + name + " already exists");
                }
                int slash = name.lastIndexOf(DELIMITER);
                if (slash > 0 && find(accountId, name.substring(0, slash)).isEmpty()) {
                    create(accountId, name.substring(0, slash), Set.of());
                }
                long id = existing.map(Mailbox::id).orElseGet(ids::incrementAndGet);
                Mailbox m = new Mailbox(id, accountId, name, 1, 1, 1, specialUse, true);
                mailboxes.put(id, m);
                return m;
            }
        }

        @Override
        public void rename(long accountId, String from, String to) {
            synchronized (InMemoryMailStore.this) {
                Mailbox m = find(accountId, from).orElseThrow(() -> new MailboxNotFoundException("no mailbox " + from));
                if (find(accountId, to).isPresent()) {
                    throw new AlreadyExistsException("mailbox " + to + " already exists");
                }
                for (Mailbox child : list(accountId)) {
                    if (child.name().startsWith(m.name() + DELIMITER)) {
                        mailboxes.put(child.id(), withName(child, to + child.name().substring(m.name().length())));
                    }
                }
                if (m.isInbox()) {
                    create(accountId, to, Set.of());
                } else {
                    mailboxes.put(m.id(), withName(m, to));
                }
            }
        }

        private Mailbox withName(Mailbox m, String name) {
            return new Mailbox(m.id(), m.accountId(), name, m.uidValidity(), m.uidNext(), m.highestModSeq(),
                    m.specialUse(), m.selectable());
        }

        @Override
        public void delete(long accountId, String name) {
            synchronized (InMemoryMailStore.this) {
                Mailbox m = find(accountId, name).orElseThrow(() -> new MailboxNotFoundException("no mailbox " + name));
                if (m.isInbox()) {
                    throw new MailboxOperationException("INBOX cannot be deleted");
                }
                boolean children = list(accountId).stream().anyMatch(c -> c.name().startsWith(m.name() + DELIMITER));
                if (children && !m.selectable()) {
                    throw new MailboxOperationException("mailbox " + name + " has children");
                }
                if (children) {
                    mailboxes.put(m.id(), new Mailbox(m.id(), accountId, m.name(), m.uidValidity(), m.uidNext(),
                            m.highestModSeq(), m.specialUse(), false));
                } else {
                    mailboxes.remove(m.id());
                }
            }
        }

        @Override
        public void setSubscribed(long accountId, String name, boolean subscribed) {
        }

        @Override
        public List<String> subscriptions(long accountId) {
            return new ArrayList<>();
        }

        @Override
        public MailboxStatus status(long mailboxId) {
            Mailbox m = get(mailboxId);
            return new MailboxStatus(mailboxId, 0, 0, 0, m.uidNext(), m.uidValidity(), m.highestModSeq(), 0, 0);
        }
    }

    private final class FakeQueue implements OutboundQueue {

        @Override
        public List<QueueEntry> list() {
            synchronized (InMemoryMailStore.this) {
                return List.copyOf(queue.values());
            }
        }

        @Override
        public Optional<QueueEntry> get(long id) {
            synchronized (InMemoryMailStore.this) {
                return Optional.ofNullable(queue.get(id));
            }
        }

        @Override
        public List<QueueEntry> due(Instant now, int limit) {
            return list().stream().filter(e -> e.nextAttempt() != null && !e.nextAttempt().isAfter(now))
                    .limit(limit).toList();
        }

        @Override
        public void recordAttempt(long id, List<QueueRecipient> recipients, Instant nextAttempt, String lastError) {
            synchronized (InMemoryMailStore.this) {
                QueueEntry e = queue.get(id);
                queue.put(id, new QueueEntry(id, e.blobId(), e.envelopeFrom(), recipients, e.dsnRet(), e.dsnEnvid(),
                        e.created(), nextAttempt, e.attempts() + 1, lastError));
            }
        }

        @Override
        public void retryNow(long id) {
            synchronized (InMemoryMailStore.this) {
                QueueEntry e = queue.get(id);
                if (e == null) {
                    throw new NotFoundException("no queue entry " + id);
                }
                queue.put(id, new QueueEntry(id, e.blobId(), e.envelopeFrom(), e.recipients(), e.dsnRet(),
                        e.dsnEnvid(), e.created(), Instant.now(), e.attempts(), e.lastError()));
            }
        }

        @Override
        public void retryAll() {
            for (QueueEntry e : list()) {
                retryNow(e.id());
            }
        }

        @Override
        public void remove(long id) {
            synchronized (InMemoryMailStore.this) {
                if (queue.remove(id) == null) {
                    throw new NotFoundException("no queue entry " + id);
                }
            }
        }

        @Override
        public QueueStats stats(Instant now) {
            List<QueueEntry> all = list();
            long oldest = all.stream().map(QueueEntry::created).min(Comparator.naturalOrder())
                    .map(c -> Math.max(0, now.getEpochSecond() - c.getEpochSecond())).orElse(0L);
            return new QueueStats(all.size(), oldest);
        }
    }
}
