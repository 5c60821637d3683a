package org.tern.store.mime;

import java.util.List;

/**
 * One node of RFC 3501 BODYSTRUCTURE with extension data, plus byte offsets into the stored message so a
 * section can be streamed without parsing: {@code headerOffset} where this part's MIME header starts,
 * {@code bodyOffset} where its body starts (after the blank line), {@code endOffset} one past its last body byte
 * (the line break before a boundary delimiter is not part of the body, RFC 2046 §5.1.1). So, for IMAP:
 * BODY[n] = [bodyOffset, endOffset); BODY[n.MIME] = [headerOffset, bodyOffset); for a message/rfc822 part,
 * BODY[n.HEADER] = [message.headerOffset, message.bodyOffset) and BODY[n.TEXT] = [message.bodyOffset,
 * message.endOffset). The top-level part starts at 0 and its body is BODY[TEXT].
 *
 * <p>Type, subtype, parameter names and values are as received (compare ignoring case); a missing or invalid
 * Content-Type gives text/plain with charset=us-ascii (message/rfc822 inside multipart/digest), a text part
 * without parameters gets charset=us-ascii, a multipart without a boundary or without any delimiter line is
 * reported as text/plain. {@code encoding} is upper-cased, 7BIT by default. Lists are never null (empty when
 * absent); strings are null when the field is absent. A message/rfc822 part whose encoding is not 7BIT/8BIT/
 * BINARY, or that lies deeper than 100 levels or beyond 10,000 parts, is not parsed: then {@code envelope} and
 * {@code message} are null and it should be shown as a basic body (so should a multipart past those limits,
 * which is reported as text/plain).
 *
 * @param size      body octets as stored ({@code endOffset - bodyOffset})
 * @param children  parts of a multipart (empty otherwise)
 * @param envelope  for message/rfc822: the encapsulated message's envelope (else null)
 * @param message   for message/rfc822: the encapsulated message's body (else null)
 * @param lines     body lines for text/* and message/rfc822 (else 0); a last line without line break counts
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
