package org.tern.smtp.hook;

import org.tern.smtp.protocol.MailArguments;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.session.SmtpRole;
import org.tern.smtp.session.SmtpSession;
import org.tern.store.Account;
import org.tern.store.RecipientResolution;

/**
 * On submission, MAIL FROM must be the account's own address or an alias that resolves to the account
 * (else 553 5.7.1), so a user cannot send as someone else.
 */
public final class SenderOwnershipHook implements MailHook {

    @Override
    public HookResult onMail(SmtpSession session, MailArguments mail) {
        Account account = session.account();
        if (session.settings().role() != SmtpRole.SUBMISSION || account == null) {
            return HookResult.DECLINED;
        }
        if (mail.sender().isEmpty()) {
            return HookResult.deny(SmtpReplies.SENDER_NOT_OWNED);
        }
        String sender = mail.senderText();
        if (sender.equalsIgnoreCase(account.address())) {
            return HookResult.DECLINED;
        }
        RecipientResolution r = session.addresses().resolve(sender);
        if (r instanceof RecipientResolution.Local local
                && local.accounts().stream().anyMatch(a -> a.id() == account.id())) {
            return HookResult.DECLINED;
        }
        return HookResult.deny(SmtpReplies.SENDER_NOT_OWNED);
    }
}
