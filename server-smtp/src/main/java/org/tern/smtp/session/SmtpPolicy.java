package org.tern.smtp.session;

import java.util.List;

import org.tern.smtp.hook.AuthRequiredHook;
import org.tern.smtp.hook.DeclaredSizeHook;
import org.tern.smtp.hook.LocalRecipientHook;
import org.tern.smtp.hook.MailHook;
import org.tern.smtp.hook.MaxRecipientsHook;
import org.tern.smtp.hook.MessageHook;
import org.tern.smtp.hook.MessageSizeHook;
import org.tern.smtp.hook.QuotaHook;
import org.tern.smtp.hook.RcptHook;
import org.tern.smtp.hook.RelayHook;
import org.tern.smtp.hook.SenderOwnershipHook;
import org.tern.smtp.hook.StorageFailureHook;
import org.tern.smtp.hook.TlsRequiredHook;

/** The hook chains applied to MAIL, RCPT and the message, in order. */
public record SmtpPolicy(List<MailHook> mailHooks, List<RcptHook> rcptHooks, List<MessageHook> messageHooks) {

    /** Tern's default policy for every SMTP listener (the hooks check the listener's role themselves). */
    public static SmtpPolicy standard() {
        return new SmtpPolicy(
                List.of(new TlsRequiredHook(), new AuthRequiredHook(), new DeclaredSizeHook(),
                        new SenderOwnershipHook()),
                List.of(new MaxRecipientsHook(), new LocalRecipientHook(), new RelayHook(), new QuotaHook()),
                List.of(new StorageFailureHook(), new MessageSizeHook()));
    }
}
