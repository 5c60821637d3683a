package org.tern.store;

/** No such domain (or not a local one). */
public class DomainNotFoundException extends NotFoundException {

    public DomainNotFoundException(String message) {
        super(message);
    }

    public DomainNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
