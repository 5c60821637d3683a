package org.tern.core.auth;

import org.tern.store.Account;

/** The outcome of a login. {@code account} is set only for {@link Status#OK}. */
public record AuthResult(Status status, Account account) {

    /**
     * OK; FAILED (wrong user or password, said the same way); BANNED (the IP is temporarily refused after
     * repeated failures: SMTP 454 4.7.0, IMAP NO [UNAVAILABLE], POP3 -ERR [SYS/TEMP]).
     */
    public enum Status { OK, FAILED, BANNED }

    public boolean ok() {
        return status == Status.OK;
    }
}
