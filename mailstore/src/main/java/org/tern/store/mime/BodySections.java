package org.tern.store.mime;

import java.util.Optional;

/**
 * Resolves an IMAP section (RFC 3501 §6.4.5: part numbers plus HEADER, TEXT or MIME) to the byte range of
 * the stored message that FETCH BODY[section] streams. Part numbers follow the RFC: a non-multipart message
 * (or encapsulated message) has one part, number 1; numbers inside a message/rfc822 part address the parts
 * of the encapsulated message's body.
 */
public final class BodySections {

    /** What follows the part numbers in a section specifier. HEADER.FIELDS filters the HEADER range. */
    public enum Text {
        /** BODY[] or BODY[1.2]: the whole message or the part's body. */
        NONE,
        /** BODY[HEADER], BODY[1.HEADER] (message/rfc822 parts only). */
        HEADER,
        /** BODY[TEXT], BODY[1.TEXT] (message/rfc822 parts only). */
        TEXT,
        /** BODY[1.MIME]: the part's MIME header (part numbers required). */
        MIME
    }

    /** A byte range [offset, offset + length) of the stored message. */
    public record Range(long offset, long length) {
    }

    private BodySections() {
    }

    /** The part at {@code path} (1-based numbers); empty when it does not exist. */
    public static Optional<BodyPart> part(BodyPart root, int... path) {
        BodyPart current = root;
        for (int i = 0; i < path.length; i++) {
            BodyPart container;
            if (i == 0 || current.isMultipart() && !current.children().isEmpty()) {
                container = current;
            } else if (current.message() != null) {
                container = current.message(); // numbers inside message/rfc822 address the encapsulated body
            } else {
                return Optional.empty();
            }
            int n = path[i];
            if (container.isMultipart() && !container.children().isEmpty()) {
                if (n < 1 || n > container.children().size()) {
                    return Optional.empty();
                }
                current = container.children().get(n - 1);
            } else if (n == 1) {
                current = container;
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(current);
    }

    /** The byte range of the section; empty when the section does not exist in this message. */
    public static Optional<Range> range(MessageFacts facts, Text text, int... path) {
        if (path.length == 0) {
            return switch (text) {
                case NONE -> Optional.of(new Range(0, facts.size()));
                case HEADER -> Optional.of(new Range(0, facts.headerSize()));
                case TEXT -> Optional.of(new Range(facts.headerSize(), facts.size() - facts.headerSize()));
                case MIME -> Optional.empty();
            };
        }
        Optional<BodyPart> found = part(facts.body(), path);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BodyPart p = found.get();
        BodyPart m = p.message();
        return switch (text) {
            case NONE -> Optional.of(between(p.bodyOffset(), p.endOffset()));
            case MIME -> Optional.of(between(p.headerOffset(), p.bodyOffset()));
            case HEADER -> m == null ? Optional.empty() : Optional.of(between(m.headerOffset(), m.bodyOffset()));
            case TEXT -> m == null ? Optional.empty() : Optional.of(between(m.bodyOffset(), m.endOffset()));
        };
    }

    private static Range between(long from, long to) {
        return new Range(from, Math.max(0, to - from));
    }
}
