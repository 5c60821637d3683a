package org.tern.imap.decode;

import org.tern.imap.encode.ModifiedUtf7;

/** Converts mailbox names between the wire (modified UTF-7) and the store (UTF-8, '/' delimiter). */
public final class MailboxNames {

    private MailboxNames() {
    }

    public static String fromWire(String wire) {
        String name;
        try {
            name = ModifiedUtf7.decode(wire);
        } catch (IllegalArgumentException e) {
            throw new DecodingException("Invalid mailbox name encoding");
        }
        while (name.length() > 1 && name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equalsIgnoreCase("INBOX")) {
            return "INBOX";
        }
        if (name.regionMatches(true, 0, "INBOX/", 0, 6)) {
            return "INBOX" + name.substring(5);
        }
        return name;
    }

    public static String toWire(String name) {
        return ModifiedUtf7.encode(name);
    }
}
