package org.tern.store.mime;

import java.util.List;

/**
 * RFC 3501 ENVELOPE: header values unfolded but not decoded (encoded-words stay as sent; raw 8-bit text is read
 * as UTF-8, or ISO-8859-1 when not valid UTF-8); null when the header is absent; the first occurrence of a
 * repeated header wins. Address lists are empty when absent. {@code sender} and {@code replyTo} are already
 * defaulted to {@code from} as RFC 3501 §7.4.2 requires.
 */
public record Envelope(String date, String subject, List<Address> from, List<Address> sender,
                       List<Address> replyTo, List<Address> to, List<Address> cc, List<Address> bcc,
                       String inReplyTo, String messageId) {

    /**
     * One address: personal name (raw, unquoted; a trailing comment when there is no name), source route
     * (usually null), mailbox and host. A group start has a null host and the group name in {@code mailbox};
     * a group end has null mailbox and host (RFC 3501). An address without local part or domain gets
     * "MISSING_MAILBOX" / "MISSING_DOMAIN" (as Dovecot does), so host is null only for group markers.
     */
    public record Address(String name, String route, String mailbox, String host) {
    }
}
