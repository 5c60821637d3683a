package org.tern.store;

/** A domain, account, alias or mailbox of that name already exists. */
public class AlreadyExistsException extends MailStoreException {

    public AlreadyExistsException(String message) {
        super(message);
    }

    public AlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
