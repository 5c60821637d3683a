package org.tern.smtp.hook;

import org.tern.smtp.protocol.MailArguments;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.session.SmtpRole;
import org.tern.smtp.session.SmtpSession;

/** Submission requires AUTH before MAIL (RFC 6409 §4.3), from every address including loopback. */
public final class AuthRequiredHook implements MailHook {

    @Override
    public HookResult onMail(SmtpSession session, MailArguments mail) {
        if (session.settings().role() == SmtpRole.SUBMISSION && session.account() == null) {
            return HookResult.deny(SmtpReplies.AUTH_REQUIRED);
        }
        return HookResult.DECLINED;
    }
}
