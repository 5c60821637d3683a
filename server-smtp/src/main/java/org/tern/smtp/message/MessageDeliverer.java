package org.tern.smtp.message;

import org.tern.smtp.session.SmtpTransaction;
import org.tern.store.Delivery;
import org.tern.store.DeliveryReceipt;
import org.tern.store.MailStore;
import org.tern.store.blob.IncomingMessage;

/** Hands a received message to the store: all local recipients and the queue in one transaction. */
public final class MessageDeliverer {

    private final MailStore store;

    public MessageDeliverer(MailStore store) {
        this.store = store;
    }

    /** Returns after the store committed durably; throws a store exception otherwise (nothing delivered). */
    public DeliveryReceipt deliver(SmtpTransaction transaction, IncomingMessage message) {
        var mail = transaction.mail();
        Delivery.DsnRequest dsn = mail.dsnRet() == null && mail.dsnEnvid() == null
                ? Delivery.DsnRequest.NONE
                : new Delivery.DsnRequest(mail.dsnRet(), mail.dsnEnvid());
        Delivery delivery = new Delivery(message, mail.senderText(), transaction.localAccountIds(),
                transaction.remoteRecipients(), dsn);
        return store.messages().deliver(delivery);
    }
}
