package org.tern.pop3.maildrop;

/** One message of the login snapshot: its POP3 number, UID, size in octets, body, and whether it was \Seen. */
public record MaildropEntry(int number, long uid, long size, String blobId, boolean seen) {
}
