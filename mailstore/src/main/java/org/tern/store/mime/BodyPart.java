package org.tern.store.mime;

import java.util.List;

/**
 * One node of RFC 3501 BODYSTRUCTURE with extension data, plus byte offsets into the stored message so a
 * section can be streamed without parsing: {@code headerOffset} where this part's MIME header starts,
 * {@code bodyOffset} where its body starts (after the blank line), {@code endOffset} one past its last body byte.
 * Type and subtype are upper-cased as received is not required; parameters keep their order.
 *
 * @param children  parts of a multipart (empty otherwise)
 * @param envelope  for message/rfc822: the encapsulated message's envelope (else null)
 * @param message   for message/rfc822: the encapsulated message's body (else null)
 * @param lines     body lines for text/* and message/rfc822 (else 0)
 */
public record BodyPart(String type, String subtype, List<Param> params, String id, String description,
                       String encoding, long size, long lines, String md5,
                       String disposition, List<Param> dispositionParams, List<String> language,
                       String location, List<BodyPart> children, Envelope envelope, BodyPart message,
                       long headerOffset, long bodyOffset, long endOffset) {

    /** A parameter name and value (value already RFC 2231-decoded when it was encoded). */
    public record Param(String name, String value) {
    }

    public boolean isMultipart() {
        return "multipart".equalsIgnoreCase(type);
    }

    public boolean isMessageRfc822() {
        return "message".equalsIgnoreCase(type) && "rfc822".equalsIgnoreCase(subtype);
    }
}
