package org.tern.pop3.session;

import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.core.net.Connection;
import org.tern.core.net.ProtocolHandler;
import org.tern.core.net.ReadMode;
import org.tern.pop3.command.Pop3Command;
import org.tern.pop3.command.Pop3CommandException;
import org.tern.pop3.command.Pop3CommandHandler;
import org.tern.pop3.command.Pop3CommandParser;
import org.tern.pop3.maildrop.SeenMarker;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.store.MailStoreException;
import org.tern.store.StoreUnavailableException;

/**
 * One POP3 connection: parses each line, refuses commands in the wrong state in one place, dispatches to the
 * command's handler and maps failures to replies. Too many bad lines close the connection.
 */
public final class Pop3ProtocolHandler implements ProtocolHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3ProtocolHandler.class);
    static final int MAX_BAD_COMMANDS = 10;

    private final Connection connection;
    private final Pop3Session session;
    private final Pop3CommandSet commands;
    private final Pop3Settings settings;
    private final SeenMarker seenMarker;
    private final Pop3Metrics metrics;
    private final Pop3CommandParser parser = new Pop3CommandParser();
    private int badCommands;

    public Pop3ProtocolHandler(Connection connection, Pop3CommandSet commands, Pop3Settings settings,
                               SeenMarker seenMarker, Pop3Metrics metrics) {
        this.connection = connection;
        this.session = new Pop3Session(connection);
        this.commands = commands;
        this.settings = settings;
        this.seenMarker = seenMarker;
        this.metrics = metrics;
    }

    @Override
    public void onConnect() {
        connection.setIdleTimeout(settings.idleTimeout());
        session.reply(Pop3Replies.greeting());
    }

    @Override
    public void onLine(byte[] line) {
        boolean paused = Pop3Framing.isStls(line);
        try {
            handleLine(line);
        } finally {
            if (!session.takeTlsStarted() && paused && connection.isOpen()) {
                connection.resume(ReadMode.LINES);
            }
        }
    }

    private void handleLine(byte[] line) {
        if (session.state() == Pop3State.UPDATE || !connection.isOpen()) {
            return; // after QUIT: the connection is closing, pipelined input is ignored
        }
        LineContinuation continuation = session.takeContinuation();
        if (continuation != null) {
            guarded(() -> continuation.onLine(session, line));
            return;
        }
        Pop3Command command;
        try {
            command = parser.parse(line);
        } catch (Pop3CommandException e) {
            metrics.command("UNKNOWN");
            refuse(e);
            return;
        }
        metrics.command(command.verb());
        Optional<Pop3CommandHandler> handler = commands.handler(command.verb());
        if (handler.isEmpty()) {
            refuse(new Pop3CommandException(Pop3Replies.unknownCommand(), true));
            return;
        }
        Set<Pop3State> states = handler.get().states();
        if (!states.contains(session.state())) {
            session.reply(Pop3Replies.wrongState(command.verb()));
            return;
        }
        guarded(() -> handler.get().handle(session, command));
    }

    private void guarded(Runnable action) {
        try {
            action.run();
        } catch (Pop3CommandException e) {
            refuse(e);
        } catch (StoreUnavailableException e) {
            LOG.warn("pop3 store unavailable session={}: {}", connection.id(), e.getMessage());
            session.reply(Pop3Replies.temporaryFailure());
        } catch (MailStoreException e) {
            LOG.warn("pop3 store error session={}: {}", connection.id(), e.getMessage());
            session.reply(Pop3Replies.permanentFailure());
        } catch (RuntimeException e) {
            LOG.error("pop3 internal error session={}", connection.id(), e);
            session.reply(Pop3Replies.permanentFailure());
        }
    }

    private void refuse(Pop3CommandException e) {
        session.reply(e.reply());
        if (e.protocolViolation()) {
            countBad();
        }
    }

    private void countBad() {
        badCommands++;
        if (badCommands >= MAX_BAD_COMMANDS) {
            LOG.info("pop3 too many bad commands session={} remote={}", connection.id(), connection.remoteAddress());
            session.reply(Pop3Replies.tooManyErrors());
            connection.close();
        }
    }

    @Override
    public void onLineTooLong() {
        if (!connection.isOpen() || session.state() == Pop3State.UPDATE) {
            return;
        }
        session.takeContinuation();
        session.reply(Pop3Replies.lineTooLong());
        countBad();
    }

    @Override
    public void onContent(byte[] data, int offset, int length, boolean end) {
        // POP3 never asks for counted or dot-terminated content.
    }

    @Override
    public void onIdleTimeout() {
        LOG.info("pop3 idle timeout session={} remote={}", connection.id(), connection.remoteAddress());
        session.reply(Pop3Replies.idleTimeout());
    }

    @Override
    public void onDisconnect() {
        if (session.state() == Pop3State.TRANSACTION) {
            // RFC 1939 §6: no QUIT, no UPDATE: nothing is deleted. Retrieved messages still get \Seen.
            try {
                seenMarker.markSeen(session.maildrop().mailboxId(), session.takeRetrieved(), session.origin());
            } catch (MailStoreException e) {
                LOG.warn("pop3 could not set \\Seen session={}: {}", connection.id(), e.getMessage());
            }
        }
        session.release();
    }
}
