package org.tern.store;

/** A domain still has accounts or aliases. */
public class DomainNotEmptyException extends MailStoreException {

    public DomainNotEmptyException(String message) {
        super(message);
    }

    public DomainNotEmptyException(String message, Throwable cause) {
        super(message, cause);
    }
}
