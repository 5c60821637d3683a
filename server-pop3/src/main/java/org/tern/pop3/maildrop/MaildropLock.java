package org.tern.pop3.maildrop;

import java.util.Optional;

/**
 * RFC 1939 §8: one POP3 session per maildrop. Behind an interface because several Tern nodes sharing one
 * store need a shared lock (e.g. a database row or advisory lock) instead of the in-process one.
 */
public interface MaildropLock {

    /** Takes the account's lock, or empty if another session holds it. */
    Optional<Lease> tryAcquire(long accountId, String sessionId);

    /** A held lock; closing releases it (idempotent). */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
