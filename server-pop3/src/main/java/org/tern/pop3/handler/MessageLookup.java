package org.tern.pop3.handler;

import org.tern.pop3.command.Arguments;
import org.tern.pop3.command.Pop3CommandException;
import org.tern.pop3.maildrop.Maildrop;
import org.tern.pop3.maildrop.MaildropEntry;
import org.tern.pop3.reply.Pop3Replies;

/** Resolves a message-number argument against the snapshot: -ERR if unknown or marked deleted (RFC 1939 §5). */
final class MessageLookup {

    private MessageLookup() {
    }

    static MaildropEntry live(Maildrop maildrop, String arg) {
        int n = Arguments.messageNumber(arg);
        if (!maildrop.exists(n)) {
            throw new Pop3CommandException(Pop3Replies.noSuchMessage());
        }
        return maildrop.live(n).orElseThrow(() -> new Pop3CommandException(Pop3Replies.alreadyDeleted(n)));
    }
}
