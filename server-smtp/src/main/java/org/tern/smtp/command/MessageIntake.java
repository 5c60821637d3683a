package org.tern.smtp.command;

import java.time.ZonedDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.smtp.hook.HookChain;
import org.tern.smtp.hook.HookResult;
import org.tern.smtp.message.HeaderCompletion;
import org.tern.smtp.message.MessageReceiver;
import org.tern.smtp.message.StoreErrorReplies;
import org.tern.smtp.message.TraceHeaders;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.session.AcceptedRecipient;
import org.tern.smtp.session.SmtpRole;
import org.tern.smtp.session.SmtpSession;
import org.tern.smtp.session.SmtpTransaction;
import org.tern.store.DeliveryReceipt;
import org.tern.store.blob.IncomingMessage;

/** Shared by DATA and BDAT: opens the temporary body with its trace fields, and completes the transaction. */
final class MessageIntake {

    private static final Logger LOG = LoggerFactory.getLogger("org.tern.smtp");

    private MessageIntake() {
    }

    /** Starts the body: Return-Path (final delivery only) and Received first (RFC 5321 §4.4). */
    static MessageReceiver open(SmtpSession session) {
        SmtpTransaction tx = session.transaction();
        ZonedDateTime now = ZonedDateTime.now(session.clock());
        List<AcceptedRecipient> rcpts = tx.recipients();
        String single = rcpts.size() == 1 ? rcpts.get(0).arguments().recipient().toString() : null;
        boolean tls = session.isSecure();
        String protocol = TraceHeaders.protocol(session.isExtended(), tx.mail().smtpUtf8(), tls,
                session.account() != null);
        String received = TraceHeaders.received(new TraceHeaders.Trace(session.heloName(),
                session.connection().remoteAddress().getAddress().getHostAddress(), session.settings().hostname(),
                protocol, tx.id(), single, now));
        // RFC 5321 §4.4: Return-Path is added on final delivery; a message that also goes out stays without it.
        boolean finalDeliveryOnly = tx.remoteRecipients().isEmpty();
        byte[] prefix = finalDeliveryOnly
                ? TraceHeaders.bytes(TraceHeaders.returnPath(tx.mail().senderText()), received)
                : TraceHeaders.bytes(received);
        HeaderCompletion completion = session.settings().role() == SmtpRole.SUBMISSION
                ? new HeaderCompletion(session.settings().hostname()) : null;
        IncomingMessage incoming = session.store().messages().newMessage();
        MessageReceiver receiver = new MessageReceiver(incoming, prefix, session.settings().maxMessageBytes(),
                completion, session.settings().headerBufferBytes(), now);
        tx.setReceiver(receiver);
        return receiver;
    }

    /** Ends the content: message hooks, one store delivery, then 250 (only after commit) or the error reply. */
    static void complete(SmtpSession session) {
        SmtpTransaction tx = session.transaction();
        MessageReceiver receiver = tx.receiver();
        MessageReceiver.Status status = receiver.finish();
        HookResult result = HookChain.run(session.policy().messageHooks(),
                h -> h.onMessage(session, status, receiver));
        if (result.isDenied()) {
            if (status == MessageReceiver.Status.FAILED) {
                LOG.warn("{} could not write message body: {}", session.logPrefix(), receiver.failure().toString());
            }
            session.reply(result.reply());
            session.resetTransaction();
            return;
        }
        long start = System.nanoTime();
        try {
            DeliveryReceipt receipt = session.deliverer().deliver(tx, receiver.message());
            session.metrics().deliveryTook(System.nanoTime() - start);
            session.metrics().messageReceived();
            LOG.info("{} listener={} accepted id={} from=<{}> recipients={} size={} blob={}", session.logPrefix(),
                    session.settings().listener(), tx.id(), tx.mail().senderText(), tx.recipients().size(),
                    receiver.receivedBytes(), receipt.blobId());
            session.reply(SmtpReplies.accepted(tx.id()));
        } catch (RuntimeException e) {
            LOG.warn("{} delivery failed id={}: {}", session.logPrefix(), tx.id(), e.toString());
            session.reply(StoreErrorReplies.replyFor(e));
        } finally {
            session.resetTransaction();
        }
    }
}
