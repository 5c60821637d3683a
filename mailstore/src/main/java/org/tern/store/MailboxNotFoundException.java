package org.tern.store;

/** No such mailbox (IMAP answers NO [TRYCREATE] or [NONEXISTENT]). */
public class MailboxNotFoundException extends NotFoundException {

    public MailboxNotFoundException(String message) {
        super(message);
    }

    public MailboxNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
