package org.tern.smtp.message;

import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.store.QuotaExceededException;

/** Maps mailstore exceptions to SMTP replies, in one place. */
public final class StoreErrorReplies {

    private StoreErrorReplies() {
    }

    public static SmtpReply replyFor(RuntimeException e) {
        if (e instanceof QuotaExceededException) {
            return SmtpReplies.OVER_QUOTA;
        }
        // Anything else (StoreUnavailableException, a bug) is temporary for the client: it will retry.
        return SmtpReplies.STORE_FAILURE;
    }
}
