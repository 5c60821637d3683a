package org.tern.core.sasl;

/** A server-side SASL mechanism (PLAIN, LOGIN). */
public interface SaslMechanism {

    /** IANA name, e.g. {@code PLAIN}. */
    String name();

    /** Starts an exchange; one per authentication attempt. */
    SaslExchange start();
}
