package org.tern.dist;

/** Start-up cannot go on; the message is the one line shown to the operator. */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }
}
