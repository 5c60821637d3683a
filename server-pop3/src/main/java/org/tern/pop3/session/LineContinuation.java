package org.tern.pop3.session;

/** Takes the next client line instead of the command dispatcher (a SASL response). */
@FunctionalInterface
public interface LineContinuation {

    void onLine(Pop3Session session, byte[] line);
}
