package org.tern.core.sasl;

/** The next step of a SASL exchange. */
public sealed interface SaslStep {

    /** Send this challenge (the protocol base64-encodes it) and wait for a response. */
    record Challenge(byte[] challenge) implements SaslStep {
    }

    /** The client has given its credentials: verify them with the {@code Authenticator}. */
    record Credentials(String authorizationId, String username, char[] password) implements SaslStep {
    }

    /** The client's response was malformed. */
    record Malformed(String reason) implements SaslStep {
    }
}
