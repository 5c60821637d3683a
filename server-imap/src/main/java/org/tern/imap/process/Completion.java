package org.tern.imap.process;

import org.tern.imap.encode.ImapResponse.Condition;

/**
 * How a command ends: the tagged status the dispatcher writes after any pending untagged updates, or
 * {@link #deferred()} when the processor answers later itself (LOGIN, AUTHENTICATE, IDLE, STARTTLS, LOGOUT).
 */
public record Completion(Condition condition, String code, String text, boolean isDeferred) {

    public static Completion ok(String text) {
        return new Completion(Condition.OK, null, text, false);
    }

    public static Completion ok(String code, String text) {
        return new Completion(Condition.OK, code, text, false);
    }

    public static Completion deferred() {
        return new Completion(null, null, null, true);
    }
}
