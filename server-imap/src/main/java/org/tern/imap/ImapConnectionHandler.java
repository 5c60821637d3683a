package org.tern.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.core.net.Connection;
import org.tern.core.net.ProtocolHandler;
import org.tern.core.net.ReadMode;
import org.tern.imap.decode.CommandInput;
import org.tern.imap.decode.CommandParser;
import org.tern.imap.decode.ImapRequest;
import org.tern.imap.decode.LiteralDecision;
import org.tern.imap.decode.LiteralTracker;
import org.tern.imap.decode.LiteralValue;
import org.tern.imap.decode.TaggedDecodingException;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ImapResponse.Condition;
import org.tern.imap.process.CommandDispatcher;
import org.tern.imap.process.ImapContext;
import org.tern.imap.process.ImapSession;
import org.tern.imap.process.ImapState;
import org.tern.imap.process.LineInterceptor;
import org.tern.store.blob.IncomingMessage;

/**
 * One IMAP connection: assembles command lines and literals (APPEND bodies streamed to a temporary blob),
 * parses, dispatches, and hands IDLE/AUTHENTICATE continuation lines to the waiting processor.
 */
final class ImapConnectionHandler implements ProtocolHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ImapConnectionHandler.class);
    private static final int MAX_BAD_COMMANDS = 20;

    private final Connection connection;
    private final ImapContext context;
    private final CommandDispatcher dispatcher;
    private final CommandParser parser = new CommandParser();
    private final LiteralTracker tracker;
    private final ConnectionResponder out;
    private final ImapSession session;

    private CommandInput input;
    private OutputStream literalSink;
    private ByteArrayOutputStream stringLiteral;
    private IncomingMessage messageLiteral;
    private boolean literalFailed;
    private boolean closing;
    private int badCommands;

    ImapConnectionHandler(Connection connection, ImapContext context, CommandDispatcher dispatcher,
                          LiteralTracker tracker) {
        this.connection = connection;
        this.context = context;
        this.dispatcher = dispatcher;
        this.tracker = tracker;
        this.out = new ConnectionResponder(connection, context.store().blobs());
        this.session = new ImapSession(connection, context, dispatcher);
    }

    @Override
    public void onConnect() {
        connection.setIdleTimeout(context.idleTimeout());
        out.send(ImapResponse.Status.untagged(Condition.OK, "CAPABILITY " + String.join(" ", session.capabilities()),
                "Tern IMAP4rev1 ready."));
        out.handOver();
    }

    @Override
    public void onLine(byte[] line) {
        if (closing) {
            return;
        }
        try {
            handleLine(line);
        } finally {
            out.handOver();
        }
    }

    private void handleLine(byte[] line) {
        boolean pausedForTls = tracker.isStartTls(line);
        Optional<LiteralDecision> literal = tracker.onLine(line);
        LineInterceptor interceptor = session.interceptor();
        if (interceptor != null && input == null) {
            interceptor.onLine(new String(line, StandardCharsets.UTF_8), session, out);
            resumeIfPaused(pausedForTls);
            return;
        }
        if (input == null) {
            input = new CommandInput();
        }
        input.addLine(line);
        if (literal.isPresent()) {
            startLiteral(literal.get());
            return;
        }
        CommandInput command = input;
        input = null;
        execute(command);
        resumeIfPaused(pausedForTls);
    }

    private void resumeIfPaused(boolean pausedForTls) {
        if (pausedForTls && !session.tlsStarted() && connection.isOpen()) {
            connection.resume(ReadMode.LINES);
        }
    }

    private void startLiteral(LiteralDecision d) {
        if (d.tooLarge()) {
            refuseLiteral(d);
            return;
        }
        literalFailed = false;
        if (d.message() && session.state() != ImapState.NOT_AUTHENTICATED && session.state() != ImapState.LOGOUT) {
            messageLiteral = context.store().messages().newMessage();
            literalSink = messageLiteral;
        } else if (d.message()) {
            literalSink = OutputStream.nullOutputStream(); // not logged in: nothing is stored
            stringLiteral = new ByteArrayOutputStream(0);
        } else {
            stringLiteral = new ByteArrayOutputStream((int) Math.min(d.size(), 8192));
            literalSink = stringLiteral;
        }
        if (d.size() == 0) {
            finishLiteral();
            return;
        }
        if (!d.nonSync()) {
            out.send(new ImapResponse.Continuation("Ready for literal data"));
        }
    }

    private void refuseLiteral(LiteralDecision d) {
        String tag = CommandParser.tagOf(input.lines().get(0));
        input.discard();
        input = null;
        if (d.nonSync()) {
            // RFC 7888 §4: the bytes are on their way; the only safe answer is to end the connection
            out.send(new ImapResponse.Status(tag, Condition.BAD, d.message() ? "TOOBIG" : null, "Literal too large"));
            out.send(ImapResponse.Status.untagged(Condition.BYE, null, "Literal too large"));
            closing = true;
            out.handOver();
            connection.close();
            return;
        }
        if (d.message()) {
            out.send(new ImapResponse.Status(tag, Condition.NO, "TOOBIG", "Message too large"));
        } else {
            out.send(new ImapResponse.Status(tag, Condition.BAD, null, "Literal too large"));
        }
    }

    @Override
    public void onContent(byte[] data, int offset, int length, boolean end) {
        if (closing) {
            return;
        }
        if (literalSink != null && !literalFailed) {
            try {
                literalSink.write(data, offset, length);
            } catch (IOException e) {
                LOG.warn("cannot store literal session={} remote={}: {}", connection.id(),
                        connection.remoteAddress(), e.toString());
                literalFailed = true;
            }
        }
        if (end && literalSink != null) {
            finishLiteral();
        }
    }

    private void finishLiteral() {
        if (messageLiteral != null) {
            try {
                messageLiteral.close();
            } catch (IOException e) {
                literalFailed = true;
            }
            input.addLiteral(LiteralValue.ofMessage(messageLiteral));
        } else {
            input.addLiteral(LiteralValue.ofBytes(stringLiteral.toByteArray()));
        }
        messageLiteral = null;
        stringLiteral = null;
        literalSink = null;
    }

    private void execute(CommandInput command) {
        if (literalFailed) {
            literalFailed = false;
            command.discard();
            out.send(new ImapResponse.Status(CommandParser.tagOf(command.lines().get(0)), Condition.NO,
                    "UNAVAILABLE", "Could not store the literal, try again"));
            return;
        }
        ImapRequest request;
        try {
            request = parser.parse(command);
        } catch (TaggedDecodingException e) {
            command.discard();
            out.send(new ImapResponse.Status(e.tag(), Condition.BAD, null, "Error in IMAP command: " + e.getMessage()));
            if (++badCommands >= MAX_BAD_COMMANDS) {
                out.send(ImapResponse.Status.untagged(Condition.BYE, null, "Too many invalid IMAP commands."));
                closing = true;
                out.handOver();
                connection.close();
            }
            return;
        }
        badCommands = 0;
        try {
            dispatcher.dispatch(request, session, out);
        } finally {
            command.discard();
        }
    }

    @Override
    public void onLineTooLong() {
        if (closing) {
            return;
        }
        if (input != null) {
            input.discard();
            input = null;
        }
        tracker.reset();
        out.send(ImapResponse.Status.untagged(Condition.BAD, null, "Error in IMAP command: line too long"));
        out.handOver();
    }

    @Override
    public void onIdleTimeout() {
        out.send(ImapResponse.Status.untagged(Condition.BYE, null, "Autologout; idle for too long"));
        out.handOver();
    }

    @Override
    public void onDisconnect() {
        closing = true;
        if (input != null) {
            input.discard();
            input = null;
        }
        if (messageLiteral != null) {
            messageLiteral.discard();
            messageLiteral = null;
        }
        session.close();
    }
}
