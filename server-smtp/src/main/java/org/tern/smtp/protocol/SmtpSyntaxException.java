package org.tern.smtp.protocol;

/** A command argument could not be accepted; carries the reply to send. */
public class SmtpSyntaxException extends Exception {

    private final transient SmtpReply reply;

    public SmtpSyntaxException(SmtpReply reply) {
        super(reply.toString(), null, false, false);
        this.reply = reply;
    }

    public SmtpReply reply() {
        return reply;
    }
}
