package org.tern.pop3.reply;

/** RFC 2449 §8 / RFC 3206 extended response codes, sent in brackets after {@code -ERR}. */
public enum ResponseCode {
    /** The maildrop is locked by another POP3 session (RFC 2449 §8.1.1). */
    IN_USE("IN-USE"),
    /** Logged in too soon after the last login (RFC 2449 §8.1.2); not used yet. */
    LOGIN_DELAY("LOGIN-DELAY"),
    /** A temporary server problem: store unavailable, client IP temporarily refused (RFC 3206 §4). */
    SYS_TEMP("SYS/TEMP"),
    /** A permanent server problem, e.g. no INBOX (RFC 3206 §4). */
    SYS_PERM("SYS/PERM"),
    /** Bad credentials or authentication refused (RFC 3206 §5). */
    AUTH("AUTH");

    private final String wire;

    ResponseCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
