package org.tern.store;

/** Something named does not exist. */
public class NotFoundException extends MailStoreException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
