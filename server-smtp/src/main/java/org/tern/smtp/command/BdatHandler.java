package org.tern.smtp.command;

import java.util.List;
import java.util.Optional;

import org.tern.smtp.message.MessageReceiver;
import org.tern.smtp.protocol.BdatArguments;
import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.ContentSink;
import org.tern.smtp.session.SmtpSession;
import org.tern.smtp.session.SmtpState;

/**
 * BDAT (RFC 3030 CHUNKING): each chunk is read exactly (the framing counts it) and appended to the body;
 * the reply follows the chunk; LAST completes the transaction.
 */
public final class BdatHandler implements CommandHandler, EhloKeywords {

    @Override
    public Verb verb() {
        return Verb.BDAT;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        return switch (session.state()) {
            case RCPT, BDAT -> Optional.empty();
            case MAIL -> Optional.of(SmtpReplies.NEED_RCPT);
            default -> Optional.of(SmtpReplies.NEED_MAIL);
        };
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        Optional<BdatArguments> parsed = BdatArguments.parse(command.argument());
        if (parsed.isEmpty()) {
            session.reply(SmtpReplies.BDAT_SYNTAX);
            return;
        }
        BdatArguments args = parsed.get();
        MessageReceiver receiver = session.transaction().receiver();
        if (receiver == null) {
            try {
                receiver = MessageIntake.open(session);
            } catch (RuntimeException e) {
                // The chunk is still read (and dropped) by the decoder; then the client retries later.
                session.reply(SmtpReplies.STORE_FAILURE);
                session.resetTransaction();
                return;
            }
        }
        session.setState(SmtpState.BDAT);
        ChunkSink sink = new ChunkSink(session, receiver, args);
        if (args.size() == 0) {
            sink.end();
        } else {
            session.setContentSink(sink);
        }
    }

    @Override
    public List<String> ehloKeywords(SmtpSession session) {
        return List.of("CHUNKING");
    }

    private record ChunkSink(SmtpSession session, MessageReceiver receiver, BdatArguments args)
            implements ContentSink {

        @Override
        public void accept(byte[] data, int offset, int length) {
            receiver.write(data, offset, length);
        }

        @Override
        public void end() {
            if (args.last()) {
                MessageIntake.complete(session);
                return;
            }
            if (receiver.receivedBytes() > session.settings().maxMessageBytes()) {
                // RFC 3030 §4: a failed chunk fails the transaction; later chunks get 503 and are dropped.
                session.reply(SmtpReplies.MESSAGE_TOO_BIG);
                session.resetTransaction();
                return;
            }
            session.reply(SmtpReplies.chunkReceived(args.size()));
        }

        @Override
        public void abort() {
            receiver.discard();
        }
    }
}
