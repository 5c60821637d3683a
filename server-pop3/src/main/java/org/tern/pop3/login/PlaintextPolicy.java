package org.tern.pop3.login;

import org.tern.pop3.session.Pop3Session;

/**
 * USER/PASS and the SASL mechanisms we offer (PLAIN, LOGIN) send the password in the clear: allowed only over
 * TLS, or from a loopback client when {@code auth.plaintext-on-loopback} is true (RFC 2595 §2.3; like Dovecot).
 */
public record PlaintextPolicy(boolean allowOnLoopback) {

    public boolean allows(Pop3Session session) {
        return session.isSecure() || allowOnLoopback && session.connection().isLoopback();
    }
}
