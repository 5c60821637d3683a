package org.tern.store;

/** Base of every typed mailstore error; the message is fit for an operator or a protocol reply. */
public class MailStoreException extends RuntimeException {

    public MailStoreException(String message) {
        super(message);
    }

    public MailStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
