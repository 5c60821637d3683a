package org.tern.store;

/** The database or blob store failed; the operation was rolled back (a temporary error). */
public class StoreUnavailableException extends MailStoreException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
