package org.tern.store;

/** A mailbox operation the RFC forbids (delete INBOX, delete a \Noselect parent, rename onto itself). */
public class MailboxOperationException extends MailStoreException {

    public MailboxOperationException(String message) {
        super(message);
    }

    public MailboxOperationException(String message, Throwable cause) {
        super(message, cause);
    }
}
