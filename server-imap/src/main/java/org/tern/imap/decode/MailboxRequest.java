package org.tern.imap.decode;

/** A command naming one mailbox: SELECT, EXAMINE, CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE. */
public record MailboxRequest(String tag, String verb, String mailbox) implements ImapRequest {
}
