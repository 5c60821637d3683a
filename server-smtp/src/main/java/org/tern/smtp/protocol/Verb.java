package org.tern.smtp.protocol;

import java.util.Locale;

/** The SMTP commands Tern knows; anything else is {@link #UNKNOWN} (also the bounded metrics label). */
public enum Verb {
    EHLO, HELO, MAIL, RCPT, DATA, BDAT, RSET, NOOP, QUIT, VRFY, EXPN, HELP, STARTTLS, AUTH, UNKNOWN;

    /** The verb for a command word, case-insensitively. */
    public static Verb of(String word) {
        if (word.length() < 4 || word.length() > 8) {
            return UNKNOWN;
        }
        try {
            return valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
