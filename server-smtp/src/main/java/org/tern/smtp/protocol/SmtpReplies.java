package org.tern.smtp.protocol;

/** Every fixed reply Tern's SMTP sends, with its RFC 3463 enhanced status code, in one place. */
public final class SmtpReplies {

    public static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "Ok");
    public static final SmtpReply SENDER_OK = SmtpReply.of(250, "2.1.0", "Sender ok");
    public static final SmtpReply RECIPIENT_OK = SmtpReply.of(250, "2.1.5", "Recipient ok");
    public static final SmtpReply RESET_OK = SmtpReply.of(250, "2.0.0", "Reset ok");
    public static final SmtpReply NOOP_OK = SmtpReply.of(250, "2.0.0", "Ok");
    public static final SmtpReply START_DATA = SmtpReply.of(354, "", "End data with <CR><LF>.<CR><LF>");
    public static final SmtpReply READY_TLS = SmtpReply.of(220, "2.0.0", "Ready to start TLS");
    public static final SmtpReply AUTH_OK = SmtpReply.of(235, "2.7.0", "Authentication successful");
    public static final SmtpReply VRFY = SmtpReply.of(252, "2.5.0",
            "Cannot VRFY user, but will accept message and attempt delivery");

    public static final SmtpReply BAD_SEQUENCE = SmtpReply.of(503, "5.5.1", "Bad sequence of commands");
    public static final SmtpReply SEND_HELO_FIRST = SmtpReply.of(503, "5.5.1", "Send EHLO or HELO first");
    public static final SmtpReply NESTED_MAIL = SmtpReply.of(503, "5.5.1", "Sender already specified");
    public static final SmtpReply NEED_MAIL = SmtpReply.of(503, "5.5.1", "Send MAIL first");
    public static final SmtpReply NEED_RCPT = SmtpReply.of(503, "5.5.1", "No valid recipients");
    public static final SmtpReply BDAT_IN_PROGRESS = SmtpReply.of(503, "5.5.1", "BDAT transfer in progress; send BDAT or RSET");
    public static final SmtpReply DATA_AFTER_BDAT = SmtpReply.of(503, "5.5.1", "DATA not allowed after BDAT");
    public static final SmtpReply ALREADY_AUTHENTICATED = SmtpReply.of(503, "5.5.1", "Already authenticated");
    public static final SmtpReply AUTH_NOT_AVAILABLE = SmtpReply.of(503, "5.5.1", "Authentication not enabled");
    public static final SmtpReply AUTH_IN_TRANSACTION = SmtpReply.of(503, "5.5.1", "AUTH not allowed during a mail transaction");
    public static final SmtpReply TLS_ALREADY_ACTIVE = SmtpReply.of(503, "5.5.1", "TLS already active");
    public static final SmtpReply TLS_NOT_AVAILABLE = SmtpReply.of(502, "5.5.1", "STARTTLS not available");

    public static final SmtpReply UNKNOWN_COMMAND = SmtpReply.of(500, "5.5.2", "Command not recognized");
    public static final SmtpReply LINE_TOO_LONG = SmtpReply.of(500, "5.5.2", "Line too long");
    public static final SmtpReply SYNTAX = SmtpReply.of(501, "5.5.4", "Syntax error in parameters or arguments");
    public static final SmtpReply NO_ARGUMENTS_ALLOWED = SmtpReply.of(501, "5.5.4", "Syntax error: no arguments allowed");
    public static final SmtpReply HELO_SYNTAX = SmtpReply.of(501, "5.5.4", "Syntax: EHLO hostname");
    public static final SmtpReply BDAT_SYNTAX = SmtpReply.of(501, "5.5.4", "Syntax: BDAT size [LAST]");
    public static final SmtpReply BAD_SENDER_SYNTAX = SmtpReply.of(501, "5.1.7", "Bad sender address syntax");
    public static final SmtpReply BAD_RECIPIENT_SYNTAX = SmtpReply.of(501, "5.1.3", "Bad recipient address syntax");
    public static final SmtpReply UNSUPPORTED_PARAMETER = SmtpReply.of(555, "5.5.4", "Unsupported parameter");
    public static final SmtpReply UTF8_NOT_REQUESTED = SmtpReply.of(553, "5.6.7",
            "Non-ASCII address requires SMTPUTF8");
    public static final SmtpReply AUTH_MECHANISM_UNKNOWN = SmtpReply.of(504, "5.5.4", "Unrecognized authentication mechanism");
    public static final SmtpReply AUTH_CANCELLED = SmtpReply.of(501, "5.0.0", "Authentication cancelled");
    public static final SmtpReply AUTH_MALFORMED = SmtpReply.of(501, "5.5.2", "Cannot decode response");

    public static final SmtpReply TOO_MANY_RECIPIENTS = SmtpReply.of(452, "4.5.3", "Too many recipients");
    public static final SmtpReply UNKNOWN_USER = SmtpReply.of(550, "5.1.1", "Recipient address rejected: user unknown");
    public static final SmtpReply RELAY_DENIED = SmtpReply.of(554, "5.7.1", "Relay access denied");
    public static final SmtpReply MESSAGE_TOO_BIG = SmtpReply.of(552, "5.3.4", "Message size exceeds fixed limit");
    public static final SmtpReply OVER_QUOTA = SmtpReply.of(552, "5.2.2", "Mailbox full: over quota");
    public static final SmtpReply AUTH_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
    public static final SmtpReply BAD_CREDENTIALS = SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
    public static final SmtpReply TLS_REQUIRED = SmtpReply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    public static final SmtpReply BANNED = SmtpReply.of(454, "4.7.0", "Too many failed logins; try again later");
    public static final SmtpReply SENDER_NOT_OWNED = SmtpReply.of(553, "5.7.1",
            "Sender address rejected: not owned by the authenticated user");
    public static final SmtpReply STORE_FAILURE = SmtpReply.of(451, "4.3.0", "Temporary failure storing the message; try again later");
    public static final SmtpReply BODY_TYPE_UNSUPPORTED = SmtpReply.of(555, "5.5.4", "Unsupported BODY type");

    private SmtpReplies() {
    }

    public static SmtpReply greeting(String hostname) {
        return SmtpReply.of(220, "", hostname + " ESMTP");
    }

    public static SmtpReply bye(String hostname) {
        return SmtpReply.of(221, "2.0.0", hostname + " closing connection");
    }

    public static SmtpReply heloOk(String hostname, String clientName) {
        return SmtpReply.of(250, "", hostname + " Hello " + clientName);
    }

    public static SmtpReply tooManyErrors(String hostname) {
        return SmtpReply.of(421, "4.7.0", hostname + " Too many errors, closing connection");
    }

    public static SmtpReply idleTimeout(String hostname) {
        return SmtpReply.of(421, "4.4.2", hostname + " Idle timeout, closing connection");
    }

    public static SmtpReply shuttingDown(String hostname) {
        return SmtpReply.of(421, "4.3.2", hostname + " Service not available, closing connection");
    }

    public static SmtpReply chunkReceived(long octets) {
        return SmtpReply.of(250, "2.0.0", octets + " octets received");
    }

    public static SmtpReply accepted(String queueId) {
        return SmtpReply.of(250, "2.0.0", "Ok: queued as " + queueId);
    }

    public static SmtpReply authChallenge(String base64) {
        return SmtpReply.of(334, "", base64);
    }
}
