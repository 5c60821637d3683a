package org.tern.imap.encode;

import java.nio.charset.StandardCharsets;

/** Writes IMAP strings: quoted when safe, otherwise as a literal; NIL for null. */
public final class ImapStrings {

    private ImapStrings() {
    }

    public static void nstring(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("NIL");
        } else {
            string(sb, s);
        }
    }

    public static void string(StringBuilder sb, String s) {
        if (needsLiteral(s)) {
            sb.append('{').append(s.getBytes(StandardCharsets.UTF_8).length).append("}\r\n").append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** A string where an atom is fine when possible (mailbox names in LIST). */
    public static void astring(StringBuilder sb, String s) {
        if (!s.isEmpty() && s.chars().allMatch(ImapStrings::isAtomChar)) {
            sb.append(s);
        } else {
            string(sb, s);
        }
    }

    private static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7f && "(){%*\"\\]".indexOf(c) < 0;
    }

    private static boolean needsLiteral(String s) {
        if (s.length() > 1000) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return true;
            }
        }
        return false;
    }
}
