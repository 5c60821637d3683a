package org.tern.pop3.maildrop;

import java.util.Locale;

/**
 * The POP3 unique-id of a message, from the INBOX's UIDVALIDITY and the message's UID: stable across sessions,
 * unaffected by flag changes or other expunges, and never reused (UIDs are not). Same shape as Dovecot's
 * default {@code %08Xu%08Xv}: 16 upper-case hex digits, UID first.
 */
public final class Uidl {

    private Uidl() {
    }

    public static String of(long uidValidity, long uid) {
        return String.format(Locale.ROOT, "%08X%08X", uid, uidValidity);
    }
}
