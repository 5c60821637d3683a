package org.tern.smtp.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tern.smtp.message.MessageReceiver;
import org.tern.smtp.protocol.MailArguments;
import org.tern.store.Account;
import org.tern.store.Delivery;
import org.tern.store.RecipientResolution;

/** One mail transaction: MAIL, the accepted recipients and, while content arrives, the receiver. */
public final class SmtpTransaction {

    private final String id;
    private final MailArguments mail;
    private final List<AcceptedRecipient> recipients = new ArrayList<>();
    private MessageReceiver receiver;

    public SmtpTransaction(String id, MailArguments mail) {
        this.id = id;
        this.mail = mail;
    }

    /** Queue id shown in replies and the Received header. */
    public String id() {
        return id;
    }

    public MailArguments mail() {
        return mail;
    }

    public List<AcceptedRecipient> recipients() {
        return recipients;
    }

    public void addRecipient(AcceptedRecipient recipient) {
        recipients.add(recipient);
    }

    /** Local account ids, deduplicated (two aliases of one account get one copy). */
    public List<Long> localAccountIds() {
        Set<Long> ids = new LinkedHashSet<>();
        for (AcceptedRecipient r : recipients) {
            if (r.resolution() instanceof RecipientResolution.Local local) {
                for (Account a : local.accounts()) {
                    ids.add(a.id());
                }
            }
        }
        return new ArrayList<>(ids);
    }

    /** Remote recipients with their DSN parameters, deduplicated by address. */
    public List<Delivery.RemoteRecipient> remoteRecipients() {
        List<Delivery.RemoteRecipient> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (AcceptedRecipient r : recipients) {
            if (r.resolution() instanceof RecipientResolution.Remote remote
                    && seen.add(remote.address().toLowerCase(java.util.Locale.ROOT))) {
                out.add(new Delivery.RemoteRecipient(remote.address(), r.arguments().dsnNotify(),
                        r.arguments().dsnOrcpt()));
            }
        }
        return out;
    }

    public MessageReceiver receiver() {
        return receiver;
    }

    public void setReceiver(MessageReceiver receiver) {
        this.receiver = receiver;
    }

    /** Drops any partly received content. */
    public void discard() {
        if (receiver != null) {
            receiver.discard();
            receiver = null;
        }
    }
}
