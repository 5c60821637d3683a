package org.tern.smtp.command;

import java.util.Optional;

import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.protocol.SmtpReply;
import org.tern.smtp.session.SmtpState;

/** The state refusals shared by several commands. */
final class Refusals {

    private Refusals() {
    }

    /** For commands valid in every command state (RSET, NOOP, QUIT, HELP, VRFY, EHLO, HELO). */
    static Optional<SmtpReply> none(SmtpState state) {
        return Optional.empty();
    }

    static Optional<SmtpReply> notDuringBdat(SmtpState state) {
        return state == SmtpState.BDAT ? Optional.of(SmtpReplies.BDAT_IN_PROGRESS) : Optional.empty();
    }
}
