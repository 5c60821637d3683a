package org.tern.store.mime;

/**
 * What is parsed once at delivery so FETCH ENVELOPE/BODYSTRUCTURE/BODY[section] and SEARCH need no
 * re-parse: the envelope, the body structure with byte offsets into the stored blob, and sizes.
 *
 * @param size        octets of the whole message as stored (RFC822.SIZE)
 * @param headerSize  octets of the top-level header including the blank line (BODY[HEADER] = [0, headerSize))
 * @param lines       lines of the whole message, header included (an unterminated last line counts)
 */
public record MessageFacts(Envelope envelope, BodyPart body, long size, long headerSize, long lines) {
}
