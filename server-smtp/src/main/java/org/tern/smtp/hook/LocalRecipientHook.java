package org.tern.smtp.hook;

import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.session.AcceptedRecipient;
import org.tern.smtp.session.SmtpSession;
import org.tern.store.RecipientResolution;

/** A local domain without a matching account, alias or catch-all: 550 5.1.1. */
public final class LocalRecipientHook implements RcptHook {

    @Override
    public HookResult onRcpt(SmtpSession session, AcceptedRecipient candidate) {
        if (candidate.resolution() instanceof RecipientResolution.UnknownUser) {
            return HookResult.deny(SmtpReplies.UNKNOWN_USER);
        }
        if (candidate.resolution() instanceof RecipientResolution.Local local && local.accounts().isEmpty()) {
            return HookResult.deny(SmtpReplies.UNKNOWN_USER);
        }
        return HookResult.DECLINED;
    }
}
