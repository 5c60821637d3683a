package org.tern.pop3.maildrop;

/**
 * The POP3 unique-id of a message, from the INBOX's UIDVALIDITY and the message's UID: stable across sessions,
 * unaffected by flag changes or other expunges, and never reused (UIDs are not). Same shape as Dovecot's
 * default {@code %08Xu%08Xv}: upper-case hex, UID first, each part at least 8 digits.
 */
public final class Uidl {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Uidl() {
    }

    public static String of(long uidValidity, long uid) {
        StringBuilder sb = new StringBuilder(16);
        hex(sb, uid);
        hex(sb, uidValidity);
        return sb.toString();
    }

    private static void hex(StringBuilder sb, long value) {
        int digits = Math.max(8, (64 - Long.numberOfLeadingZeros(value) + 3) / 4);
        for (int i = digits - 1; i >= 0; i--) {
            sb.append(HEX[(int) (value >>> (i * 4)) & 0xF]);
        }
    }
}
