package org.tern.admin.service;

import java.util.List;

/**
 * A folder of an account with its counters. {@code specialUse} holds RFC 6154 attributes such as
 * {@code \Sent}; {@code selectable} is false for a placeholder parent (\Noselect).
 */
public record MailboxInfo(String name, long messages, long unseen, long sizeBytes, List<String> specialUse,
                          boolean selectable) {

    public MailboxInfo {
        specialUse = List.copyOf(specialUse);
    }
}
