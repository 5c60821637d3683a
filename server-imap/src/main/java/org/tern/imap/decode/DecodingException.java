package org.tern.imap.decode;

/** The command could not be parsed; answered with a tagged BAD carrying the message. */
public class DecodingException extends RuntimeException {

    public DecodingException(String message) {
        super(message);
    }
}
