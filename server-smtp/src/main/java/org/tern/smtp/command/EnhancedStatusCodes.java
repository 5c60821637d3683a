package org.tern.smtp.command;

import java.util.List;

import org.tern.smtp.session.SmtpSession;

/** ENHANCEDSTATUSCODES (RFC 2034): every reply from {@code SmtpReplies} carries an RFC 3463 code. */
final class EnhancedStatusCodes implements EhloKeywords {

    static final EnhancedStatusCodes INSTANCE = new EnhancedStatusCodes();

    @Override
    public List<String> ehloKeywords(SmtpSession session) {
        return List.of("ENHANCEDSTATUSCODES");
    }
}
