package org.tern.smtp.hook;

import org.tern.smtp.protocol.MailArguments;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.session.SmtpRole;
import org.tern.smtp.session.SmtpSession;

/** Submission only over TLS (RFC 8314; like Postfix's smtpd_tls_auth_only): 530 5.7.0 before STARTTLS. */
public final class TlsRequiredHook implements MailHook {

    @Override
    public HookResult onMail(SmtpSession session, MailArguments mail) {
        if (session.settings().role() == SmtpRole.SUBMISSION && !session.isSecure()) {
            return HookResult.deny(SmtpReplies.TLS_REQUIRED);
        }
        return HookResult.DECLINED;
    }
}
