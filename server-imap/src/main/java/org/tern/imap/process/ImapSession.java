package org.tern.imap.process;

import java.util.List;

import org.tern.core.net.Connection;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.session.SelectedMailbox;
import org.tern.store.Account;
import org.tern.store.MailStore;
import org.tern.store.Origin;
import org.tern.store.event.EventBus;
import org.tern.store.event.StoreEvent;

/** One connection's IMAP state: login, selected mailbox, pending continuation, store event subscription. */
public final class ImapSession {

    private final Connection connection;
    private final ImapContext context;
    private final Origin origin;
    private final CommandDispatcher dispatcher;
    private ImapState state = ImapState.NOT_AUTHENTICATED;
    private Account account;
    private SelectedMailbox selected;
    private EventBus.Subscription subscription;
    /** Written by the session's context, read by store publishers. */
    private volatile long watchedMailboxId = -1;
    private LineInterceptor interceptor;
    private Runnable idleUpdateHook;
    private boolean tlsStarted;

    public ImapSession(Connection connection, ImapContext context, CommandDispatcher dispatcher) {
        this.connection = connection;
        this.context = context;
        this.dispatcher = dispatcher;
        this.origin = new Origin("imap-" + connection.id());
    }

    /** The CAPABILITY words for the session's current state. */
    public List<String> capabilities() {
        return dispatcher.capabilities(this);
    }

    public Connection connection() {
        return connection;
    }

    public ImapContext context() {
        return context;
    }

    public MailStore store() {
        return context.store();
    }

    public Origin origin() {
        return origin;
    }

    public ImapState state() {
        return state;
    }

    public Account account() {
        return account;
    }

    public long accountId() {
        return account.id();
    }

    /** The selected mailbox; only in SELECTED state. */
    public SelectedMailbox selected() {
        return selected;
    }

    /** Plaintext LOGIN/AUTHENTICATE allowed: over TLS, or from loopback when configured (Dovecot's default). */
    public boolean plaintextAllowed() {
        return connection.isSecure() || (connection.isLoopback() && context.plaintextOnLoopback());
    }

    /** Marks the session authenticated and starts listening to the account's store events. */
    public void loggedIn(Account account) {
        this.account = account;
        this.state = ImapState.AUTHENTICATED;
        this.subscription = store().events().subscribe(account.id(), event -> {
            // Filtered on the publishing thread: with many sessions per account (one per device, or thousands
            // of IDLE connections) queueing every event of every mailbox to every session costs more than it says.
            if (concerns(event)) {
                connection.execute(() -> onStoreEvent(event));
            }
        });
    }

    /**
     * Declares the mailbox about to be selected, BEFORE its state is read from the store, so no event committed
     * after that read can be filtered out. Events for other mailboxes are then not queued to this session.
     */
    public void watch(long mailboxId) {
        this.watchedMailboxId = mailboxId;
    }

    private boolean concerns(StoreEvent event) {
        // SelectedMailbox acts only on events of its own mailbox; everything else would be queued for nothing.
        return event.mailboxId() == watchedMailboxId;
    }

    public void select(SelectedMailbox mailbox) {
        this.selected = mailbox;
        this.state = ImapState.SELECTED;
    }

    public void deselect() {
        this.selected = null;
        if (state == ImapState.SELECTED) {
            state = ImapState.AUTHENTICATED;
        }
    }

    public void logout() {
        state = ImapState.LOGOUT;
    }

    public LineInterceptor interceptor() {
        return interceptor;
    }

    public void setInterceptor(LineInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    /** While IDLE: a hook that writes pending updates at once. */
    public void setIdleUpdateHook(Runnable hook) {
        this.idleUpdateHook = hook;
    }

    public boolean tlsStarted() {
        return tlsStarted;
    }

    public void markTlsStarted() {
        tlsStarted = true;
    }

    /** Runs in the connection's ordered context. */
    private void onStoreEvent(StoreEvent event) {
        if (selected == null || !connection.isOpen()) {
            return;
        }
        selected.onEvent(event, origin.sessionId());
        if (idleUpdateHook != null) {
            idleUpdateHook.run();
        }
    }

    /** Pending untagged updates of the selected mailbox that may be sent now. */
    public List<ImapResponse> drainUpdates(boolean allowExpunge) {
        if (selected == null) {
            return List.of();
        }
        return selected.drain(allowExpunge, store().messages());
    }

    /** Stops listening to store events. */
    public void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        state = ImapState.LOGOUT;
    }
}
