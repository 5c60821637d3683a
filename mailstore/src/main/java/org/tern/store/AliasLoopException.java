package org.tern.store;

/** An alias would forward to itself, directly or through others. */
public class AliasLoopException extends MailStoreException {

    public AliasLoopException(String message) {
        super(message);
    }

    public AliasLoopException(String message, Throwable cause) {
        super(message, cause);
    }
}
