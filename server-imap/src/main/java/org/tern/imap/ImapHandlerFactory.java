package org.tern.imap;

import org.tern.core.net.Connection;
import org.tern.core.net.Framing;
import org.tern.core.net.ProtocolHandler;
import org.tern.core.net.ProtocolHandlerFactory;
import org.tern.imap.decode.LiteralTracker;
import org.tern.imap.process.CommandDispatcher;
import org.tern.imap.process.ImapContext;

/** Creates the handler and framing for each connection of one IMAP listener. */
final class ImapHandlerFactory implements ProtocolHandlerFactory {

    /** Literals other than APPEND bodies (mailbox names, search strings, passwords) are buffered up to this. */
    static final long MAX_STRING_LITERAL = 64 * 1024;

    private final ImapContext context;
    private final CommandDispatcher dispatcher;

    ImapHandlerFactory(ImapContext context, CommandDispatcher dispatcher) {
        this.context = context;
        this.dispatcher = dispatcher;
    }

    @Override
    public String protocol() {
        return "imap";
    }

    @Override
    public ProtocolHandler create(Connection connection) {
        return new ImapConnectionHandler(connection, context, dispatcher, newTracker());
    }

    @Override
    public Framing newFraming() {
        return new ImapFraming(newTracker());
    }

    private LiteralTracker newTracker() {
        return new LiteralTracker(context.maxMessageBytes(), MAX_STRING_LITERAL);
    }
}
