package org.tern.store.names;

import java.nio.charset.StandardCharsets;

import org.tern.store.InvalidNameException;
import org.tern.store.Mailboxes;

/** Validates mailbox names and normalises INBOX (matched case-insensitively, also as a parent). */
public final class MailboxNames {

    public static final String INBOX = "INBOX";
    /** Longest name in UTF-8 bytes (fits the column and every client we know). */
    public static final int MAX_BYTES = 1000;
    private static final int MAX_LEVEL_BYTES = 255;

    private MailboxNames() {
    }

    /** The canonical form of a valid name; {@link InvalidNameException} with the reason otherwise. */
    public static String normalize(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidNameException("empty mailbox name");
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidNameException("mailbox name longer than " + MAX_BYTES + " bytes");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw new InvalidNameException("control character in mailbox name");
            }
            if (c == '%' || c == '*') {
                throw new InvalidNameException("mailbox name must not contain '%' or '*'");
            }
        }
        String[] levels = raw.split(String.valueOf(Mailboxes.DELIMITER), -1);
        for (String level : levels) {
            if (level.isEmpty()) {
                throw new InvalidNameException("empty hierarchy level in mailbox name: " + raw);
            }
            if (level.getBytes(StandardCharsets.UTF_8).length > MAX_LEVEL_BYTES) {
                throw new InvalidNameException("mailbox name level longer than " + MAX_LEVEL_BYTES + " bytes");
            }
        }
        if (levels[0].equalsIgnoreCase(INBOX)) {
            return INBOX + raw.substring(INBOX.length());
        }
        return raw;
    }

    public static boolean isInbox(String normalized) {
        return INBOX.equals(normalized);
    }

    /** Parent names from the top down ({@code a/b/c} -> {@code a}, {@code a/b}). */
    public static java.util.List<String> parents(String normalized) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int i = normalized.indexOf(Mailboxes.DELIMITER);
        while (i > 0) {
            out.add(normalized.substring(0, i));
            i = normalized.indexOf(Mailboxes.DELIMITER, i + 1);
        }
        return out;
    }
}
