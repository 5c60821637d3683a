package org.tern.pop3.session;

import java.util.Set;
import java.util.TreeSet;

import org.tern.core.net.Connection;
import org.tern.pop3.maildrop.Maildrop;
import org.tern.pop3.maildrop.OpenMaildrop;
import org.tern.pop3.reply.Pop3Reply;
import org.tern.store.Account;
import org.tern.store.Origin;

/**
 * The state of one POP3 connection. Used from the connection's ordered context; the login result is applied
 * from the authenticator's completion while that context is held by {@link Connection#await}, hence the
 * volatile fields.
 */
public final class Pop3Session {

    private final Connection connection;
    private final ReplyWriter writer;
    private final Origin origin;
    private volatile Pop3State state = Pop3State.AUTHORIZATION;
    private volatile Account account;
    private volatile OpenMaildrop open;
    private boolean disconnected;
    private String pendingUser;
    private LineContinuation continuation;
    private boolean tlsStarted;
    private volatile boolean stlsDone;
    private final Set<Long> retrieved = new TreeSet<>();

    public Pop3Session(Connection connection) {
        this.connection = connection;
        this.writer = new ReplyWriter(connection);
        this.origin = new Origin(connection.id());
    }

    public Connection connection() {
        return connection;
    }

    public ReplyWriter writer() {
        return writer;
    }

    public void reply(Pop3Reply reply) {
        writer.reply(reply);
    }

    /** The store origin of changes this session makes (its session id). */
    public Origin origin() {
        return origin;
    }

    public Pop3State state() {
        return state;
    }

    /** The logged-in account; only in TRANSACTION and UPDATE. */
    public Account account() {
        return account;
    }

    /** The login snapshot; only in TRANSACTION and UPDATE. */
    public Maildrop maildrop() {
        return open.maildrop();
    }

    /** True if another session expunged the message since the snapshot. */
    public boolean isExpungedElsewhere(long uid) {
        return open.expunges().isExpunged(uid);
    }

    /** The name given by USER, or null. */
    public String pendingUser() {
        return pendingUser;
    }

    public void setPendingUser(String user) {
        this.pendingUser = user;
    }

    /**
     * Enters TRANSACTION with the maildrop lock held. Returns false (releasing the maildrop) if the connection
     * has already gone, so that a lock is never left behind.
     */
    public synchronized boolean enterTransaction(Account account, OpenMaildrop maildrop) {
        if (disconnected) {
            maildrop.close();
            return false;
        }
        this.account = account;
        this.open = maildrop;
        this.pendingUser = null;
        this.state = Pop3State.TRANSACTION;
        return true;
    }

    /** QUIT in TRANSACTION: RFC 1939 §6. */
    public void enterUpdate() {
        this.state = Pop3State.UPDATE;
    }

    /** Releases the maildrop lock (after UPDATE, or when the connection drops). */
    public synchronized void release() {
        disconnected = true;
        if (open != null) {
            open.close();
        }
    }

    public synchronized boolean isDisconnected() {
        return disconnected;
    }

    /** Routes the next line to {@code next} (SASL); null to go back to commands. */
    public void expectContinuation(LineContinuation next) {
        this.continuation = next;
    }

    /** The pending continuation, cleared. */
    public LineContinuation takeContinuation() {
        LineContinuation c = continuation;
        continuation = null;
        return c;
    }

    public boolean hasContinuation() {
        return continuation != null;
    }

    /** STLS accepted: the +OK is queued and the TLS handshake starts; the dispatcher must not resume reading. */
    public void startTls() {
        tlsStarted = true;
        stlsDone = true;
        pendingUser = null;
        connection.startTls();
    }

    /**
     * True once TLS protects the session. After STLS this is true at once: the core reads nothing more until
     * the TLS layer is installed (and closes the connection if the handshake fails), while its "secured" flag
     * may be set only after the first command over TLS has been read.
     */
    public boolean isSecure() {
        return stlsDone || connection.isSecure();
    }

    /** Whether the last command started TLS; clears the mark. */
    public boolean takeTlsStarted() {
        boolean t = tlsStarted;
        tlsStarted = false;
        return t;
    }

    /** A message sent by RETR: gets \Seen when the session ends (if configured). */
    public void markRetrieved(long uid) {
        retrieved.add(uid);
    }

    /** UIDs retrieved so far, cleared. */
    public Set<Long> takeRetrieved() {
        Set<Long> out = new TreeSet<>(retrieved);
        retrieved.clear();
        return out;
    }
}
