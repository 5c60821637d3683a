package org.tern.store.mime;

/**
 * What is parsed once at delivery so FETCH ENVELOPE/BODYSTRUCTURE/BODY[section] and SEARCH need no
 * re-parse: the envelope, the body structure with byte offsets into the stored blob, and sizes.
 */
public record MessageFacts(Envelope envelope, BodyPart body, long size, long headerSize, long lines) {
}
