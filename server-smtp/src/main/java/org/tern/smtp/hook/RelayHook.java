package org.tern.smtp.hook;

import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.session.AcceptedRecipient;
import org.tern.smtp.session.SmtpRole;
import org.tern.smtp.session.SmtpSession;
import org.tern.store.RecipientResolution;

/** Never an open relay: remote recipients only from an authenticated submission session (else 554 5.7.1). */
public final class RelayHook implements RcptHook {

    @Override
    public HookResult onRcpt(SmtpSession session, AcceptedRecipient candidate) {
        if (!(candidate.resolution() instanceof RecipientResolution.Remote)) {
            return HookResult.DECLINED;
        }
        if (session.settings().role() == SmtpRole.SUBMISSION && session.account() != null) {
            return HookResult.DECLINED;
        }
        return HookResult.deny(SmtpReplies.RELAY_DENIED);
    }
}
