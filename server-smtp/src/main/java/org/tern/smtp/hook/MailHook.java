package org.tern.smtp.hook;

import org.tern.smtp.protocol.MailArguments;
import org.tern.smtp.session.SmtpSession;

/** Policy on MAIL FROM. */
public interface MailHook {

    HookResult onMail(SmtpSession session, MailArguments mail);
}
