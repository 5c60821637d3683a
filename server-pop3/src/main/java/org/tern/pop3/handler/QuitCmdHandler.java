package org.tern.pop3.handler;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.pop3.command.Arguments;
import org.tern.pop3.command.Pop3Command;
import org.tern.pop3.command.Pop3CommandHandler;
import org.tern.pop3.maildrop.Maildrop;
import org.tern.pop3.maildrop.SeenMarker;
import org.tern.pop3.reply.Pop3Replies;
import org.tern.pop3.reply.Pop3Reply;
import org.tern.pop3.session.Pop3Session;
import org.tern.pop3.session.Pop3State;
import org.tern.store.ExpungeMode;
import org.tern.store.MailStore;
import org.tern.store.MailStoreException;
import org.tern.store.UidSet;

/**
 * QUIT. In TRANSACTION it enters UPDATE (RFC 1939 §6): the messages marked deleted are expunged in one store
 * transaction, through the same operation as IMAP EXPUNGE, so IMAP sessions get untagged EXPUNGEs. Messages
 * another session already expunged are simply not there any more; that is not an error.
 */
public final class QuitCmdHandler implements Pop3CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QuitCmdHandler.class);

    private final MailStore store;
    private final SeenMarker seenMarker;

    public QuitCmdHandler(MailStore store, SeenMarker seenMarker) {
        this.store = store;
        this.seenMarker = seenMarker;
    }

    @Override
    public String verb() {
        return "QUIT";
    }

    @Override
    public Set<Pop3State> states() {
        return EnumSet.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION);
    }

    @Override
    public void handle(Pop3Session session, Pop3Command command) {
        Arguments.expectCount(command, 0, 0);
        Pop3Reply reply = session.state() == Pop3State.TRANSACTION ? update(session) : Pop3Replies.goodbye();
        session.reply(reply);
        session.connection().close();
    }

    private Pop3Reply update(Pop3Session session) {
        session.enterUpdate();
        Maildrop drop = session.maildrop();
        List<Long> marked = drop.deletedUids();
        Pop3Reply reply;
        try {
            int removed = marked.isEmpty() ? 0
                    : store.messages().expunge(drop.mailboxId(), UidSet.of(marked), ExpungeMode.ALL_GIVEN, session.origin()).size();
            LOG.info("pop3 quit user={} session={} deleted={}", session.account().address(), session.connection().id(), removed);
            reply = Pop3Replies.goodbyeAfterUpdate(removed);
        } catch (MailStoreException e) {
            LOG.warn("pop3 update failed user={} session={}: {}", session.account().address(), session.connection().id(), e.getMessage());
            reply = Pop3Replies.updateFailed();
        }
        markSeen(session, marked);
        session.release();
        return reply;
    }

    private void markSeen(Pop3Session session, List<Long> expunged) {
        Set<Long> retrieved = session.takeRetrieved();
        retrieved.removeAll(expunged);
        try {
            seenMarker.markSeen(session.maildrop().mailboxId(), retrieved, session.origin());
        } catch (MailStoreException e) {
            LOG.warn("pop3 could not set \\Seen session={}: {}", session.connection().id(), e.getMessage());
        }
    }
}
