package org.tern.smtp.protocol;

import java.util.Optional;

/**
 * A parsed {@code MAIL FROM:<path> [parameters]}: the reverse-path (empty for {@code <>}), SIZE (-1 when not
 * given, RFC 1870), BODY (RFC 6152), SMTPUTF8 (RFC 6531), RET and ENVID (RFC 3461, null when absent) and the
 * AUTH parameter (RFC 4954, accepted and ignored).
 */
public record MailArguments(Optional<MailAddress> sender, long declaredSize, BodyType body, boolean smtpUtf8,
                            String dsnRet, String dsnEnvid) {

    /** The reverse-path as text, empty for the null sender. */
    public String senderText() {
        return sender.map(MailAddress::toString).orElse("");
    }
}
