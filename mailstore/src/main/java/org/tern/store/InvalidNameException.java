package org.tern.store;

/** A malformed address, domain or mailbox name. */
public class InvalidNameException extends MailStoreException {

    public InvalidNameException(String message) {
        super(message);
    }

    public InvalidNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
