package org.tern.imap.decode;

/** A command without arguments: CAPABILITY, NOOP, LOGOUT, STARTTLS, CHECK, CLOSE, EXPUNGE, UNSELECT, IDLE, NAMESPACE. */
public record SimpleRequest(String tag, String verb) implements ImapRequest {
}
