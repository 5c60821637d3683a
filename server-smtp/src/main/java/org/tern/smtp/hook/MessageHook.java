package org.tern.smtp.hook;

import org.tern.smtp.message.MessageReceiver;
import org.tern.smtp.session.SmtpSession;

/** Policy on the received content, before delivery. */
public interface MessageHook {

    HookResult onMessage(SmtpSession session, MessageReceiver.Status status, MessageReceiver receiver);
}
