package org.tern.smtp.hook;

import org.tern.smtp.session.AcceptedRecipient;
import org.tern.smtp.session.SmtpSession;

/** Policy on RCPT TO; the candidate carries the directory's resolution of the address. */
public interface RcptHook {

    HookResult onRcpt(SmtpSession session, AcceptedRecipient candidate);
}
