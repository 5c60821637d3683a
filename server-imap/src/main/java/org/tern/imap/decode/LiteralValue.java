package org.tern.imap.decode;

import org.tern.store.blob.IncomingMessage;

/** One literal of a command: small strings as bytes, an APPEND body as a temporary blob. */
public record LiteralValue(byte[] bytes, IncomingMessage message) {

    public static LiteralValue ofBytes(byte[] bytes) {
        return new LiteralValue(bytes, null);
    }

    public static LiteralValue ofMessage(IncomingMessage message) {
        return new LiteralValue(null, message);
    }
}
