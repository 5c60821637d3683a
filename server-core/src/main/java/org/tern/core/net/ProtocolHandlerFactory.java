package org.tern.core.net;

/** Creates the protocol logic for each accepted connection of a listener. */
public interface ProtocolHandlerFactory {

    /** Short protocol name for logs and metrics: smtp, imap, pop3. */
    String protocol();

    ProtocolHandler create(Connection connection);

    /** The framing rules applied by the decoder on the I/O thread (one instance per connection). */
    Framing newFraming();
}
