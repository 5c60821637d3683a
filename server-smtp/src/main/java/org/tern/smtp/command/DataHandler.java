package org.tern.smtp.command;

import java.util.Optional;

import org.tern.core.net.ReadMode;
import org.tern.smtp.message.MessageReceiver;
import org.tern.smtp.protocol.SmtpCommand;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.protocol.Verb;
import org.tern.smtp.session.ContentSink;
import org.tern.smtp.session.SmtpSession;
import org.tern.smtp.session.SmtpState;

/** DATA: 354, then the dot-terminated content streams into the store (the decoder unstuffs it). */
public final class DataHandler implements CommandHandler {

    @Override
    public Verb verb() {
        return Verb.DATA;
    }

    @Override
    public Optional<SmtpReply> refusal(SmtpSession session) {
        return switch (session.state()) {
            case RCPT -> Optional.empty();
            case MAIL -> Optional.of(SmtpReplies.NEED_RCPT);
            case BDAT -> Optional.of(SmtpReplies.DATA_AFTER_BDAT);
            default -> Optional.of(SmtpReplies.NEED_MAIL);
        };
    }

    @Override
    public void handle(SmtpSession session, SmtpCommand command) {
        if (command.hasArgument()) {
            session.reply(SmtpReplies.NO_ARGUMENTS_ALLOWED);
            return;
        }
        MessageReceiver receiver;
        try {
            receiver = MessageIntake.open(session);
        } catch (RuntimeException e) {
            session.reply(SmtpReplies.STORE_FAILURE);
            return;
        }
        session.setContentSink(new DataSink(session, receiver));
        session.setState(SmtpState.DATA);
        session.reply(SmtpReplies.START_DATA);
        session.resume(ReadMode.DOT_TERMINATED);
    }

    private record DataSink(SmtpSession session, MessageReceiver receiver) implements ContentSink {

        @Override
        public void accept(byte[] data, int offset, int length) {
            receiver.write(data, offset, length);
        }

        @Override
        public void end() {
            MessageIntake.complete(session);
        }

        @Override
        public void abort() {
            receiver.discard();
        }
    }
}
