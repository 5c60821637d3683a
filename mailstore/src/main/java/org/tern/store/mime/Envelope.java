package org.tern.store.mime;

import java.util.List;

/**
 * RFC 3501 ENVELOPE: header values unfolded but not decoded (encoded-words stay as sent); null when the
 * header is absent. Address lists are empty when absent. {@code sender} and {@code replyTo} are already
 * defaulted to {@code from} as RFC 3501 §7.4.2 requires.
 */
public record Envelope(String date, String subject, List<Address> from, List<Address> sender,
                       List<Address> replyTo, List<Address> to, List<Address> cc, List<Address> bcc,
                       String inReplyTo, String messageId) {

    /**
     * One address: personal name (raw), source route (usually null), mailbox and host. A group start has a
     * null host and the group name in {@code mailbox}; a group end has null mailbox and host (RFC 3501).
     */
    public record Address(String name, String route, String mailbox, String host) {
    }
}
