package org.tern.smtp.hook;

import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.session.AcceptedRecipient;
import org.tern.smtp.session.SmtpSession;

/** RFC 5321 §4.5.3.1.8: beyond {@code smtp.max-recipients} answer 452 4.5.3; the client sends the rest later. */
public final class MaxRecipientsHook implements RcptHook {

    @Override
    public HookResult onRcpt(SmtpSession session, AcceptedRecipient candidate) {
        if (session.transaction().recipients().size() >= session.settings().maxRecipients()) {
            return HookResult.denySoft(SmtpReplies.TOO_MANY_RECIPIENTS);
        }
        return HookResult.DECLINED;
    }
}
