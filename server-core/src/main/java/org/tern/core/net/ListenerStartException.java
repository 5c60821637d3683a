package org.tern.core.net;

/** A listener could not start; the message names the listener and the address. */
public class ListenerStartException extends RuntimeException {

    public ListenerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
