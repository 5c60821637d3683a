package org.tern.imap.decode;

/** LOGIN user password. */
public record LoginRequest(String tag, String username, char[] password) implements ImapRequest {
    @Override
    public String verb() {
        return "LOGIN";
    }

    @Override
    public String toString() {
        return "LoginRequest[" + tag + " " + username + " ***]";
    }
}
