package org.tern.smtp.session;

import org.tern.smtp.protocol.RcptArguments;
import org.tern.store.RecipientResolution;

/** A recipient that passed the RCPT hooks, with what the directory said about it. */
public record AcceptedRecipient(RcptArguments arguments, RecipientResolution resolution) {
}
