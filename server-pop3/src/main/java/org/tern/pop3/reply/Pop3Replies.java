package org.tern.pop3.reply;

/** Every reply text the POP3 server sends, in one place. */
public final class Pop3Replies {

    private Pop3Replies() {
    }

    public static Pop3Reply greeting() {
        return Pop3Reply.ok("Tern POP3 server ready.");
    }

    public static Pop3Reply unknownCommand() {
        return Pop3Reply.err("Unknown command.");
    }

    public static Pop3Reply wrongState(String verb) {
        return Pop3Reply.err(verb + " is not valid in this state.");
    }

    public static Pop3Reply syntax(String detail) {
        return Pop3Reply.err("Syntax error: " + detail);
    }

    public static Pop3Reply lineTooLong() {
        return Pop3Reply.err("Line too long.");
    }

    public static Pop3Reply tooManyErrors() {
        return Pop3Reply.err("Too many bad commands, closing connection.");
    }

    public static Pop3Reply idleTimeout() {
        return Pop3Reply.err("Disconnected for inactivity.");
    }

    public static Pop3Reply plaintextRefused() {
        return Pop3Reply.err(ResponseCode.AUTH,
                "Plaintext authentication disallowed on non-secure connections; use STLS first.");
    }

    public static Pop3Reply userAccepted() {
        return Pop3Reply.ok("Send PASS.");
    }

    public static Pop3Reply passWithoutUser() {
        return Pop3Reply.err("USER first.");
    }

    public static Pop3Reply loggedIn(int messages, long octets) {
        return Pop3Reply.ok("Logged in, maildrop has " + messages(messages) + " (" + octets + " octets).");
    }

    public static Pop3Reply authFailed() {
        return Pop3Reply.err(ResponseCode.AUTH, "Authentication failed.");
    }

    public static Pop3Reply authBanned() {
        return Pop3Reply.err(ResponseCode.SYS_TEMP, "Too many failed logins from your address; try again later.");
    }

    public static Pop3Reply authCancelled() {
        return Pop3Reply.err("Authentication cancelled.");
    }

    public static Pop3Reply saslMalformed() {
        return Pop3Reply.err(ResponseCode.AUTH, "Malformed SASL response.");
    }

    public static Pop3Reply unknownMechanism() {
        return Pop3Reply.err("Unsupported authentication mechanism.");
    }

    public static Pop3Reply inUse() {
        return Pop3Reply.err(ResponseCode.IN_USE, "Maildrop is locked by another POP3 session.");
    }

    public static Pop3Reply noMaildrop() {
        return Pop3Reply.err(ResponseCode.SYS_PERM, "No INBOX for this account.");
    }

    public static Pop3Reply temporaryFailure() {
        return Pop3Reply.err(ResponseCode.SYS_TEMP, "Temporary server failure, try again later.");
    }

    public static Pop3Reply permanentFailure() {
        return Pop3Reply.err(ResponseCode.SYS_PERM, "Server failure.");
    }

    public static Pop3Reply stlsReady() {
        return Pop3Reply.ok("Begin TLS negotiation.");
    }

    public static Pop3Reply stlsUnavailable() {
        return Pop3Reply.err("STLS not available on this connection.");
    }

    public static Pop3Reply capaFollows() {
        return Pop3Reply.ok("Capability list follows.");
    }

    public static Pop3Reply mechanismsFollow() {
        return Pop3Reply.ok("Supported mechanisms follow.");
    }

    public static Pop3Reply stat(int messages, long octets) {
        return Pop3Reply.ok(messages + " " + octets);
    }

    public static Pop3Reply scanListing(int number, long octets) {
        return Pop3Reply.ok(number + " " + octets);
    }

    public static Pop3Reply listFollows(int messages, long octets) {
        return Pop3Reply.ok(messages(messages) + " (" + octets + " octets).");
    }

    public static Pop3Reply uidlListing(int number, String uidl) {
        return Pop3Reply.ok(number + " " + uidl);
    }

    public static Pop3Reply uidlFollows() {
        return Pop3Reply.ok("Unique-ID listing follows.");
    }

    public static Pop3Reply noSuchMessage() {
        return Pop3Reply.err("No such message.");
    }

    public static Pop3Reply alreadyDeleted(int number) {
        return Pop3Reply.err("Message " + number + " already deleted.");
    }

    public static Pop3Reply expungedElsewhere(int number) {
        return Pop3Reply.err("Message " + number + " was removed by another session.");
    }

    public static Pop3Reply messageFollows(long octets) {
        return Pop3Reply.ok(octets + " octets.");
    }

    public static Pop3Reply topFollows() {
        return Pop3Reply.ok("Top of message follows.");
    }

    public static Pop3Reply deleted(int number) {
        return Pop3Reply.ok("Message " + number + " deleted.");
    }

    public static Pop3Reply noop() {
        return Pop3Reply.ok("");
    }

    public static Pop3Reply reset(int messages, long octets) {
        return Pop3Reply.ok("Maildrop has " + messages(messages) + " (" + octets + " octets).");
    }

    public static Pop3Reply goodbye() {
        return Pop3Reply.ok("Tern POP3 server signing off.");
    }

    public static Pop3Reply goodbyeAfterUpdate(int removed) {
        return Pop3Reply.ok("Tern POP3 server signing off (" + messages(removed) + " deleted).");
    }

    public static Pop3Reply updateFailed() {
        return Pop3Reply.err(ResponseCode.SYS_TEMP, "Some deleted messages were not removed; they are kept.");
    }

    private static String messages(int n) {
        return n == 1 ? "1 message" : n + " messages";
    }
}
