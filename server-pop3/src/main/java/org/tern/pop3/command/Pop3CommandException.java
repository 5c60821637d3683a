package org.tern.pop3.command;

import org.tern.pop3.reply.Pop3Reply;

/** A command cannot be carried out; {@link #reply()} is what the client gets. */
public class Pop3CommandException extends RuntimeException {

    private final transient Pop3Reply reply;
    private final boolean protocolViolation;

    /** {@code protocolViolation} counts towards the bad-command limit (syntax, garbage). */
    public Pop3CommandException(Pop3Reply reply, boolean protocolViolation) {
        super(reply.text(), null, false, false);
        this.reply = reply;
        this.protocolViolation = protocolViolation;
    }

    public Pop3CommandException(Pop3Reply reply) {
        this(reply, false);
    }

    public Pop3Reply reply() {
        return reply;
    }

    public boolean protocolViolation() {
        return protocolViolation;
    }
}
