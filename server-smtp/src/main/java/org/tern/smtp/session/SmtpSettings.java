package org.tern.smtp.session;

import org.tern.core.config.TernConfig;

/**
 * Per-listener SMTP settings: name and role, host name for greetings and trace headers, limits.
 * {@code headerBufferBytes} caps the header block buffered to add Message-ID/Date on submission.
 */
public record SmtpSettings(String listener, SmtpRole role, String hostname, long maxMessageBytes,
                           int maxRecipients, int maxErrors, int headerBufferBytes) {

    public static final int DEFAULT_MAX_ERRORS = 20; // as Postfix's smtpd_hard_error_limit
    public static final int DEFAULT_HEADER_BUFFER = 256 * 1024;

    public static SmtpSettings from(TernConfig config, String listener) {
        return new SmtpSettings(listener, SmtpRole.forListener(listener), config.hostname(),
                config.messageMaxBytes(), Math.max(1, config.integer("smtp.max-recipients")),
                DEFAULT_MAX_ERRORS, DEFAULT_HEADER_BUFFER);
    }
}
