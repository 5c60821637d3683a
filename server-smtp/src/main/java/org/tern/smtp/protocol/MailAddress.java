package org.tern.smtp.protocol;

import java.util.Locale;

/**
 * An envelope mailbox {@code local@domain} (RFC 5321 §4.1.2). The domain is kept lower-case; the local part
 * as sent (the store compares addresses case-insensitively).
 */
public record MailAddress(String localPart, String domain) {

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }

    /** True if any character is outside ASCII (needs SMTPUTF8, RFC 6531). */
    public boolean isInternationalized() {
        String s = toString();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return true;
            }
        }
        return false;
    }

    static MailAddress of(String localPart, String domain) {
        return new MailAddress(localPart, domain.toLowerCase(Locale.ROOT));
    }
}
