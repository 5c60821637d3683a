package org.tern.smtp.session;

import java.time.Clock;

import org.tern.core.auth.Authenticator;
import org.tern.smtp.message.MessageDeliverer;
import org.tern.store.MailStore;

/** What every session of a listener shares. */
public record SmtpServices(MailStore store, Authenticator authenticator, SmtpPolicy policy, SmtpMetrics metrics,
                           MessageDeliverer deliverer, Clock clock) {
}
