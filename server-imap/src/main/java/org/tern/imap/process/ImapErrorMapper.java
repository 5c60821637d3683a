package org.tern.imap.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.imap.decode.DecodingException;
import org.tern.imap.encode.ImapResponse.Condition;
import org.tern.store.AlreadyExistsException;
import org.tern.store.InvalidNameException;
import org.tern.store.MailStoreException;
import org.tern.store.MailboxNotFoundException;
import org.tern.store.MailboxOperationException;
import org.tern.store.NotFoundException;
import org.tern.store.QuotaExceededException;
import org.tern.store.StoreUnavailableException;

/** The one place where exceptions become IMAP replies (RFC 5530 response codes). */
public final class ImapErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ImapErrorMapper.class);

    private ImapErrorMapper() {
    }

    public static Completion map(RuntimeException e, ImapSession session) {
        if (e instanceof ImapException ie) {
            return new Completion(ie.condition(), ie.code(), ie.getMessage(), false);
        }
        if (e instanceof DecodingException) {
            return new Completion(Condition.BAD, null, e.getMessage(), false);
        }
        if (e instanceof MailboxNotFoundException) {
            return new Completion(Condition.NO, "NONEXISTENT", "Mailbox doesn't exist", false);
        }
        if (e instanceof NotFoundException) {
            return new Completion(Condition.NO, "NONEXISTENT", e.getMessage(), false);
        }
        if (e instanceof AlreadyExistsException) {
            return new Completion(Condition.NO, "ALREADYEXISTS", "Mailbox already exists", false);
        }
        if (e instanceof InvalidNameException || e instanceof MailboxOperationException) {
            return new Completion(Condition.NO, "CANNOT", e.getMessage(), false);
        }
        if (e instanceof QuotaExceededException) {
            return new Completion(Condition.NO, "OVERQUOTA", "Quota exceeded", false);
        }
        if (e instanceof StoreUnavailableException) {
            LOG.warn("store unavailable session={} remote={}: {}", session.connection().id(),
                    session.connection().remoteAddress(), e.getMessage());
            return new Completion(Condition.NO, "UNAVAILABLE", "Temporary failure, try again", false);
        }
        if (e instanceof MailStoreException) {
            return new Completion(Condition.NO, null, e.getMessage(), false);
        }
        LOG.error("internal error session={} remote={}", session.connection().id(),
                session.connection().remoteAddress(), e);
        return new Completion(Condition.NO, "SERVERBUG", "Internal error", false);
    }
}
