package org.tern.smtp.hook;

import org.tern.smtp.protocol.MailArguments;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.session.SmtpSession;

/** RFC 1870 §6.1: a MAIL SIZE= above the limit is refused with 552 5.3.4 before any content is sent. */
public final class DeclaredSizeHook implements MailHook {

    @Override
    public HookResult onMail(SmtpSession session, MailArguments mail) {
        if (mail.declaredSize() > session.settings().maxMessageBytes()) {
            return HookResult.deny(SmtpReplies.MESSAGE_TOO_BIG);
        }
        return HookResult.DECLINED;
    }
}
