package org.tern.smtp.session;

/** Where an SMTP session is; each command handler declares the states it is valid in. */
public enum SmtpState {
    /** Greeting sent, no EHLO/HELO yet. */
    CONNECTED,
    /** EHLO/HELO done, no transaction. */
    GREETED,
    /** MAIL accepted, no recipient yet. */
    MAIL,
    /** At least one recipient accepted. */
    RCPT,
    /** Receiving DATA content. */
    DATA,
    /** Between BDAT chunks (RFC 3030): only BDAT, RSET, NOOP, QUIT, EHLO/HELO. */
    BDAT,
    /** In a SASL exchange: the next line is a response, not a command. */
    AUTH,
    /** QUIT or a fatal error: nothing more is read. */
    CLOSED
}
