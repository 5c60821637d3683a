package org.tern.smtp.session;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.core.net.Connection;
import org.tern.core.net.FrameAction;
import org.tern.core.net.ProtocolHandler;
import org.tern.core.net.ReadMode;
import org.tern.smtp.command.CommandHandler;
import org.tern.smtp.command.CommandRegistry;
import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpCommandParser;
import org.tern.smtp.protocol.SmtpFraming;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;

/**
 * The SMTP protocol for one connection: dispatches each line to its command handler after the state check
 * (in one place), routes DATA/BDAT content to the current sink, and keeps the decoder's framing and the
 * handler in step (a paused line the handler did not take up is resumed as lines).
 */
public final class SmtpConnectionHandler implements ProtocolHandler {

    private static final Logger LOG = LoggerFactory.getLogger("org.tern.smtp");

    private final SmtpSession session;
    private final CommandRegistry commands;

    public SmtpConnectionHandler(Connection connection, SmtpSettings settings, SmtpServices services,
                                 CommandRegistry commands) {
        this.session = new SmtpSession(connection, settings, services);
        this.commands = commands;
    }

    @Override
    public void onConnect() {
        session.reply(SmtpReplies.greeting(session.settings().hostname()));
    }

    @Override
    public void onLine(byte[] line) {
        if (session.state() == SmtpState.CLOSED) {
            return;
        }
        FrameAction framed = SmtpFraming.decide(line);
        session.inputPaused(framed.kind() == FrameAction.Kind.PAUSE);
        session.setContentSink(null);
        try {
            if (session.state() == SmtpState.AUTH) {
                commands.auth().onResponse(session, line);
            } else {
                dispatch(SmtpCommandParser.parse(line));
            }
        } catch (RuntimeException e) {
            LOG.warn("{} internal error handling a command", session.logPrefix(), e);
            session.resetTransaction();
            session.reply(SmtpReply.of(451, "4.3.0", "Internal error; try again later"));
        }
        afterLine(framed);
    }

    private void dispatch(SmtpCommand command) {
        session.metrics().command(command.verb());
        Optional<CommandHandler> handler = commands.handler(command.verb());
        if (handler.isEmpty()) {
            session.reply(SmtpReplies.UNKNOWN_COMMAND);
            return;
        }
        Optional<SmtpReply> refusal = handler.get().refusal(session);
        if (refusal.isPresent()) {
            session.reply(refusal.get());
            return;
        }
        handler.get().handle(session, command);
    }

    /** Keeps the decoder going when the handler did not take up a pause or a counted chunk. */
    private void afterLine(FrameAction framed) {
        if (framed.kind() == FrameAction.Kind.COUNTED && session.contentSink() == null) {
            session.setContentSink(ContentSink.DISCARD);
        }
        if (session.state() == SmtpState.CLOSED) {
            return;
        }
        if (session.tooManyErrors()) {
            closeWith(SmtpReplies.tooManyErrors(session.settings().hostname()));
            return;
        }
        if (session.isInputPaused()) {
            session.resume(ReadMode.LINES);
        }
    }

    @Override
    public void onLineTooLong() {
        if (session.state() == SmtpState.CLOSED) {
            return;
        }
        if (session.state() == SmtpState.AUTH) {
            commands.auth().abort(session);
        }
        session.reply(SmtpReplies.LINE_TOO_LONG);
        if (session.tooManyErrors()) {
            closeWith(SmtpReplies.tooManyErrors(session.settings().hostname()));
        }
    }

    @Override
    public void onContent(byte[] data, int offset, int length, boolean end) {
        ContentSink sink = session.contentSink();
        if (sink == null) {
            return;
        }
        try {
            if (length > 0) {
                sink.accept(data, offset, length);
            }
            if (end) {
                session.setContentSink(null);
                sink.end();
            }
        } catch (RuntimeException e) {
            LOG.warn("{} internal error receiving a message", session.logPrefix(), e);
            session.setContentSink(null);
            session.resetTransaction();
            if (end) {
                session.reply(SmtpReplies.STORE_FAILURE);
            } else {
                session.setContentSink(new FailedContent(session));
            }
        }
    }

    @Override
    public void onIdleTimeout() {
        if (session.state() != SmtpState.CLOSED) {
            session.reply(SmtpReplies.idleTimeout(session.settings().hostname()));
            session.setState(SmtpState.CLOSED);
        }
    }

    @Override
    public void onDisconnect() {
        ContentSink sink = session.contentSink();
        session.setContentSink(null);
        if (sink != null) {
            sink.abort();
        }
        session.resetTransaction();
        session.setSaslExchange(null);
        session.setState(SmtpState.CLOSED);
    }

    private void closeWith(SmtpReply reply) {
        session.resetTransaction();
        session.reply(reply);
        session.setState(SmtpState.CLOSED);
        session.connection().close();
    }

    /** Reads the rest of content after an internal error, then answers 451. */
    private record FailedContent(SmtpSession session) implements ContentSink {

        @Override
        public void accept(byte[] data, int offset, int length) {
        }

        @Override
        public void end() {
            session.reply(SmtpReplies.STORE_FAILURE);
        }

        @Override
        public void abort() {
        }
    }
}
