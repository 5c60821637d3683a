package org.tern.smtp.hook;

import org.tern.smtp.message.MessageReceiver;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.session.SmtpSession;

/** Writing the temporary body failed (disk full...): 451 4.3.0, the client retries later. */
public final class StorageFailureHook implements MessageHook {

    @Override
    public HookResult onMessage(SmtpSession session, MessageReceiver.Status status, MessageReceiver receiver) {
        if (status == MessageReceiver.Status.FAILED) {
            return HookResult.denySoft(SmtpReplies.STORE_FAILURE);
        }
        return HookResult.DECLINED;
    }
}
