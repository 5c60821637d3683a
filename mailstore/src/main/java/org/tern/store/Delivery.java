package org.tern.store;

import java.util.List;

import org.tern.store.blob.IncomingMessage;

/**
 * One message to deliver: into the INBOX of each local account, and onto the outbound queue for the
 * remote recipients. {@code envelopeFrom} is empty for the null reverse-path.
 */
public record Delivery(IncomingMessage message, String envelopeFrom, List<Long> localAccountIds,
                       List<RemoteRecipient> remoteRecipients, DsnRequest dsn) {

    /** A remote envelope recipient with its RFC 3461 parameters (null when absent). */
    public record RemoteRecipient(String address, String dsnNotify, String orcpt) {
    }

    /** RFC 3461 MAIL parameters (null when absent). */
    public record DsnRequest(String ret, String envid) {
        public static final DsnRequest NONE = new DsnRequest(null, null);
    }
}
