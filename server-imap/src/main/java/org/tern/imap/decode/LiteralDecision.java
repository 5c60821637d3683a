package org.tern.imap.decode;

/**
 * What to do with a literal announced at the end of a line: its size, whether it is non-synchronizing
 * (LITERAL+, RFC 7888), whether it is an APPEND message body (streamed to a blob) and whether it is over the limit.
 */
public record LiteralDecision(long size, boolean nonSync, boolean message, boolean tooLarge) {
}
