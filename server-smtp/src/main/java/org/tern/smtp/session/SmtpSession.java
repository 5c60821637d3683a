package org.tern.smtp.session;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import org.tern.core.auth.Authenticator;
import org.tern.core.net.Connection;
import org.tern.core.net.ReadMode;
import org.tern.core.sasl.SaslExchange;
import org.tern.smtp.message.MessageDeliverer;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.store.Account;
import org.tern.store.MailStore;

/**
 * The state of one SMTP connection: where it is in the protocol, who is logged in, the open transaction.
 * Used only from the connection's ordered context (or while later input is held by {@code await}).
 */
public final class SmtpSession {

    private final Connection connection;
    private final SmtpSettings settings;
    private final SmtpServices services;
    private final AtomicLong transactionCounter = new AtomicLong();
    private SmtpState state = SmtpState.CONNECTED;
    private String heloName = "";
    private boolean extended;
    private Account account;
    private SmtpTransaction transaction;
    private ContentSink contentSink;
    private int errors;
    private boolean inputPaused;
    private SaslExchange saslExchange;
    private boolean tlsStarted;

    public SmtpSession(Connection connection, SmtpSettings settings, SmtpServices services) {
        this.connection = connection;
        this.settings = settings;
        this.services = services;
    }

    public Connection connection() {
        return connection;
    }

    public SmtpSettings settings() {
        return settings;
    }

    public MailStore store() {
        return services.store();
    }

    /** Envelope address lookups (aliases, catch-all, remote) that never fail on unusual syntax. */
    public EnvelopeAddresses addresses() {
        return new EnvelopeAddresses(services.store().directory());
    }

    public Authenticator authenticator() {
        return services.authenticator();
    }

    public SmtpPolicy policy() {
        return services.policy();
    }

    public SmtpMetrics metrics() {
        return services.metrics();
    }

    public MessageDeliverer deliverer() {
        return services.deliverer();
    }

    public Clock clock() {
        return services.clock();
    }

    public SmtpState state() {
        return state;
    }

    public void setState(SmtpState state) {
        this.state = state;
    }

    public String heloName() {
        return heloName;
    }

    /** True after EHLO (ESMTP), false after HELO. */
    public boolean isExtended() {
        return extended;
    }

    public void greeted(String name, boolean ehlo) {
        this.heloName = name;
        this.extended = ehlo;
        resetTransaction();
        state = SmtpState.GREETED;
    }

    /** The authenticated account, or null. */
    public Account account() {
        return account;
    }

    public void setAccount(Account account) {
        this.account = account;
    }

    /** The open transaction, or null. */
    public SmtpTransaction transaction() {
        return transaction;
    }

    public SmtpTransaction beginTransaction(org.tern.smtp.protocol.MailArguments mail) {
        transaction = new SmtpTransaction(connection.id() + "." + transactionCounter.incrementAndGet(), mail);
        state = SmtpState.MAIL;
        return transaction;
    }

    /** Ends any transaction (discarding partial content) and returns to GREETED (or CONNECTED before EHLO). */
    public void resetTransaction() {
        if (transaction != null) {
            transaction.discard();
            transaction = null;
        }
        if (state != SmtpState.CONNECTED && state != SmtpState.CLOSED) {
            state = SmtpState.GREETED;
        }
    }

    /** RFC 3207 §4.2: after STARTTLS the client starts over; forget EHLO, AUTH and any transaction. */
    public void forgetAfterTls() {
        resetTransaction();
        heloName = "";
        extended = false;
        account = null;
        state = SmtpState.CONNECTED;
    }

    public void reply(SmtpReply reply) {
        connection.write(reply.encode());
        if (isProtocolError(reply)) {
            errors++;
        }
    }

    /** Too many protocol errors: the caller sends 421 and closes. */
    public boolean tooManyErrors() {
        return errors >= settings.maxErrors();
    }

    private static boolean isProtocolError(SmtpReply r) {
        return r.code() >= 500 && r.code() <= 504 || r.code() == 555 || r.code() == 535;
    }

    /** The SASL exchange waiting for a client response (state AUTH), or null. */
    public SaslExchange saslExchange() {
        return saslExchange;
    }

    public void setSaslExchange(SaslExchange exchange) {
        this.saslExchange = exchange;
    }

    /** The content sink for DATA/BDAT bytes, or null. */
    public ContentSink contentSink() {
        return contentSink;
    }

    public void setContentSink(ContentSink sink) {
        this.contentSink = sink;
    }

    /** Marks that the decoder paused after the current line; cleared by {@link #resume}/{@link #startTls}. */
    public void inputPaused(boolean paused) {
        this.inputPaused = paused;
    }

    public boolean isInputPaused() {
        return inputPaused;
    }

    public void resume(ReadMode mode) {
        inputPaused = false;
        connection.resume(mode);
    }

    public void startTls() {
        inputPaused = false;
        tlsStarted = true;
        connection.startTls();
    }

    /**
     * True once TLS protects the session. After our STARTTLS every later line has necessarily come through the
     * TLS layer (plaintext behind the command is discarded), even if the connection's own flag is set a moment
     * after the first decrypted line arrives.
     */
    public boolean isSecure() {
        return tlsStarted || connection.isSecure();
    }

    /** A short description for logs. */
    public String logPrefix() {
        return "session=" + connection.id() + " remote=" + connection.remoteAddress().getAddress().getHostAddress();
    }
}
