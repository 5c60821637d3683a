package org.tern.imap.decode;

/** AUTHENTICATE mechanism [initial-response] (SASL-IR, RFC 4959); {@code initialResponse} null when absent. */
public record AuthenticateRequest(String tag, String mechanism, String initialResponse) implements ImapRequest {
    @Override
    public String verb() {
        return "AUTHENTICATE";
    }
}
