package org.tern.smtp.hook;

import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.session.AcceptedRecipient;
import org.tern.smtp.session.SmtpSession;
import org.tern.store.Account;
import org.tern.store.QuotaUsage;
import org.tern.store.RecipientResolution;

/**
 * Refuses a recipient whose mailbox is already full (552 5.2.2) at RCPT time, so the sender does not
 * transfer the body first. The final check is the store's, at delivery (QuotaExceededException).
 */
public final class QuotaHook implements RcptHook {

    @Override
    public HookResult onRcpt(SmtpSession session, AcceptedRecipient candidate) {
        if (!(candidate.resolution() instanceof RecipientResolution.Local local) || local.accounts().size() != 1) {
            return HookResult.DECLINED;
        }
        Account account = local.accounts().get(0);
        if (!account.hasQuota()) {
            return HookResult.DECLINED;
        }
        QuotaUsage usage = session.store().directory().quotaUsage(account.id());
        // Without SIZE= the message has at least one byte: a full mailbox is refused now.
        long declared = Math.max(1, session.transaction().mail().declaredSize());
        if (usage.limitBytes() >= 0 && usage.usedBytes() + declared > usage.limitBytes()) {
            return HookResult.deny(SmtpReplies.OVER_QUOTA);
        }
        return HookResult.DECLINED;
    }
}
