package org.tern.pop3.login;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.core.auth.AuthResult;
import org.tern.core.auth.Authenticator;
import org.tern.core.net.Connection;
import org.tern.pop3.maildrop.ExpungeTracker;
import org.tern.pop3.maildrop.Maildrop;
import org.tern.pop3.maildrop.MaildropLoader;
import org.tern.pop3.maildrop.MaildropLock;
import org.tern.pop3.maildrop.OpenMaildrop;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.pop3.reply.Pop3Reply;
import org.tern.pop3.session.Pop3Session;
import org.tern.store.Account;
import org.tern.store.MailStoreException;
import org.tern.store.Mailbox;
import org.tern.store.StoreUnavailableException;
import org.tern.store.event.EventBus;

/**
 * Completes a login (PASS or AUTH): verifies the password through the throttling {@link Authenticator} while
 * the connection holds further input ({@link Connection#await}), then takes the maildrop lock and the INBOX
 * snapshot (RFC 1939 §7: the lock is taken when PASS succeeds).
 */
public final class Pop3Login {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3Login.class);

    private final Authenticator authenticator;
    private final MaildropLock lock;
    private final MaildropLoader loader;
    private final EventBus events;

    public Pop3Login(Authenticator authenticator, MaildropLock lock, MaildropLoader loader, EventBus events) {
        this.authenticator = authenticator;
        this.lock = lock;
        this.loader = loader;
        this.events = events;
    }

    /** Starts the verification; the reply is written when it completes (the password array is wiped). */
    public void login(Pop3Session session, String username, char[] password) {
        Connection connection = session.connection();
        CompletionStage<AuthResult> verification;
        try {
            verification = authenticator.authenticate(username, password, connection);
        } catch (RuntimeException e) {
            Arrays.fill(password, '\0');
            LOG.warn("pop3 authentication unavailable session={} remote={}: {}", connection.id(), remote(connection), e.toString());
            session.reply(Pop3Replies.temporaryFailure());
            return;
        }
        CompletionStage<Void> done = verification.handle((result, error) -> {
            Arrays.fill(password, '\0');
            finish(session, username, result, error);
            return null;
        });
        connection.await(done);
    }

    private void finish(Pop3Session session, String username, AuthResult result, Throwable error) {
        Pop3Reply reply;
        try {
            reply = outcome(session, username, result, error);
        } catch (RuntimeException e) {
            LOG.warn("pop3 login failed session={} remote={}: {}", session.connection().id(), remote(session.connection()), e.toString());
            reply = Pop3Replies.temporaryFailure();
        }
        session.reply(reply);
        session.writer().flush();
    }

    private Pop3Reply outcome(Pop3Session session, String username, AuthResult result, Throwable error) {
        Connection connection = session.connection();
        if (error != null) {
            LOG.warn("pop3 authentication error user={} session={} remote={}: {}", username, connection.id(), remote(connection), error.toString());
            return Pop3Replies.temporaryFailure();
        }
        switch (result.status()) {
            case BANNED -> {
                LOG.info("pop3 login refused (banned) user={} session={} remote={}", username, connection.id(), remote(connection));
                return Pop3Replies.authBanned();
            }
            case FAILED -> {
                LOG.info("pop3 login failed user={} session={} remote={}", username, connection.id(), remote(connection));
                return Pop3Replies.authFailed();
            }
            default -> {
                return openMaildrop(session, result.account());
            }
        }
    }

    private Pop3Reply openMaildrop(Pop3Session session, Account account) {
        Connection connection = session.connection();
        Optional<MaildropLock.Lease> lease = lock.tryAcquire(account.id(), connection.id());
        if (lease.isEmpty()) {
            LOG.info("pop3 maildrop in use user={} session={} remote={}", account.address(), connection.id(), remote(connection));
            return Pop3Replies.inUse();
        }
        OpenMaildrop open;
        try {
            Optional<Mailbox> inbox = loader.inbox(account.id());
            if (inbox.isEmpty()) {
                lease.get().close();
                return Pop3Replies.noMaildrop();
            }
            open = snapshot(session, account, inbox.get(), lease.get());
        } catch (StoreUnavailableException e) {
            lease.get().close();
            LOG.warn("pop3 store unavailable at login user={} session={}: {}", account.address(), connection.id(), e.getMessage());
            return Pop3Replies.temporaryFailure();
        } catch (MailStoreException e) {
            lease.get().close();
            LOG.warn("pop3 cannot open maildrop user={} session={}: {}", account.address(), connection.id(), e.getMessage());
            return Pop3Replies.permanentFailure();
        }
        Maildrop drop = open.maildrop();
        if (!session.enterTransaction(account, open)) {
            return Pop3Replies.temporaryFailure();
        }
        LOG.info("pop3 login user={} session={} remote={} messages={}", account.address(), connection.id(), remote(connection), drop.count());
        return Pop3Replies.loggedIn(drop.count(), drop.size());
    }

    /** Listens for expunges first, then reads the snapshot, so that none falls in between. */
    private OpenMaildrop snapshot(Pop3Session session, Account account, Mailbox inbox, MaildropLock.Lease lease) {
        ExpungeTracker tracker = new ExpungeTracker(inbox.id());
        EventBus.Subscription subscription = events.subscribe(account.id(), tracker);
        try {
            return new OpenMaildrop(loader.load(inbox, session.origin()), tracker, lease, subscription);
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
    }

    static String remote(Connection connection) {
        return connection.remoteAddress() == null || connection.remoteAddress().getAddress() == null
                ? String.valueOf(connection.remoteAddress())
                : connection.remoteAddress().getAddress().getHostAddress();
    }
}
