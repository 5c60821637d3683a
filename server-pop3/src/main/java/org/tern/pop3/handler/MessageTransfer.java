package org.tern.pop3.handler;

import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.pop3.command.Pop3CommandException;
import org.tern.pop3.maildrop.MaildropEntry;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.pop3.reply.Pop3Reply;
import org.tern.pop3.session.Pop3Session;
import org.tern.pop3.transfer.DotStuffer;
import org.tern.pop3.transfer.MessageSender;
import org.tern.store.MailStore;
import org.tern.store.NotFoundException;

/**
 * What RETR and TOP share: check the message was not expunged by another session since the snapshot (known
 * from the store's events, without a query per message), open its body, send the +OK line and stream the body. Once the +OK is out a failure cannot be
 * reported in-band, so the connection is closed.
 */
final class MessageTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(MessageTransfer.class);

    private final MailStore store;
    private final MessageSender sender;

    MessageTransfer(MailStore store) {
        this.store = store;
        this.sender = new MessageSender(store.blobs());
    }

    /** Returns true if the whole response was sent. */
    boolean send(Pop3Session session, MaildropEntry entry, Pop3Reply first, DotStuffer stuffer) {
        if (session.isExpungedElsewhere(entry.uid())) {
            throw new Pop3CommandException(Pop3Replies.expungedElsewhere(entry.number()));
        }
        InputStream body;
        try {
            body = sender.open(entry.blobId());
        } catch (NotFoundException e) {
            throw new Pop3CommandException(Pop3Replies.expungedElsewhere(entry.number()));
        } catch (IOException e) {
            LOG.warn("pop3 cannot open message body session={} uid={}: {}", session.connection().id(), entry.uid(), e.toString());
            throw new Pop3CommandException(Pop3Replies.temporaryFailure());
        }
        session.reply(first);
        try {
            sender.send(body, entry.size(), stuffer, session.writer());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("pop3 message transfer aborted session={} uid={}: {}", session.connection().id(), entry.uid(), e.toString());
            session.connection().close();
            return false;
        }
    }
}
