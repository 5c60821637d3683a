package org.tern.store;

/** A delivery or append would exceed an account's quota (SMTP 552 5.2.2, IMAP [OVERQUOTA]). */
public class QuotaExceededException extends MailStoreException {

    public QuotaExceededException(String message) {
        super(message);
    }

    public QuotaExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
