package org.tern.smtp.hook;

import org.tern.smtp.message.MessageReceiver;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.session.SmtpSession;

/** Content beyond {@code message.max-bytes} was read to the end and discarded: 552 5.3.4. */
public final class MessageSizeHook implements MessageHook {

    @Override
    public HookResult onMessage(SmtpSession session, MessageReceiver.Status status, MessageReceiver receiver) {
        if (status == MessageReceiver.Status.TOO_BIG) {
            return HookResult.deny(SmtpReplies.MESSAGE_TOO_BIG);
        }
        return HookResult.DECLINED;
    }
}
