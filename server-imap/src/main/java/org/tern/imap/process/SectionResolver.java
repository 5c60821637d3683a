package org.tern.imap.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.tern.imap.decode.FetchAttribute.BodySection;
import org.tern.imap.encode.ImapResponse;
import org.tern.imap.encode.ImapResponse.BlobRange;
import org.tern.imap.encode.ImapResponse.SectionContent;
import org.tern.store.MessageMeta;
import org.tern.store.blob.BlobStore;
import org.tern.store.mime.HeaderFieldFilter;
import org.tern.store.mime.BodyPart;
import org.tern.store.mime.MessageFacts;

/**
 * Maps BODY[section]&lt;partial&gt; to a byte range of the stored blob using the part offsets parsed at delivery,
 * so sections stream without re-parsing. Only HEADER.FIELDS reads (header) bytes to filter them.
 */
final class SectionResolver {

    private static final int MAX_HEADER_BYTES = 1 << 20;

    private SectionResolver() {
    }

    static SectionContent resolve(BodySection s, MessageMeta meta, MessageFacts facts, BlobStore blobs) {
        SectionContent whole = wholeSection(s, meta, facts, blobs);
        return partial(whole, s.origin(), s.octets());
    }

    /** The whole message, its header or its text (RFC822, RFC822.HEADER, RFC822.TEXT). */
    static SectionContent top(String specifier, MessageMeta meta, MessageFacts facts) {
        long headerEnd = headerEnd(meta, facts);
        return switch (specifier) {
            case "HEADER" -> range(meta, 0, headerEnd);
            case "TEXT" -> range(meta, headerEnd, meta.size());
            default -> range(meta, 0, meta.size());
        };
    }

    private static SectionContent wholeSection(BodySection s, MessageMeta meta, MessageFacts facts, BlobStore blobs) {
        if (s.part().isEmpty()) {
            long headerEnd = headerEnd(meta, facts);
            return switch (s.specifier()) {
                case "" -> range(meta, 0, meta.size());
                case "HEADER" -> range(meta, 0, headerEnd);
                case "TEXT" -> range(meta, headerEnd, meta.size());
                default -> fields(s, meta, 0, headerEnd, blobs);
            };
        }
        if (facts == null || facts.body() == null) {
            return new ImapResponse.Nil();
        }
        BodyPart p = navigate(facts.body(), s.part());
        if (p == null) {
            return new ImapResponse.Nil();
        }
        switch (s.specifier()) {
            case "":
                return range(meta, p.bodyOffset(), p.endOffset());
            case "MIME":
                return range(meta, p.headerOffset(), p.bodyOffset());
            default:
                break;
        }
        if (!p.isMessageRfc822() || p.message() == null) {
            return new ImapResponse.Nil();
        }
        BodyPart m = p.message();
        long start = p.bodyOffset();
        long headerEnd = m.bodyOffset();
        return switch (s.specifier()) {
            case "HEADER" -> range(meta, start, headerEnd);
            case "TEXT" -> range(meta, headerEnd, p.endOffset());
            default -> fields(s, meta, start, headerEnd, blobs);
        };
    }

    /** Reads a small byte range of a blob (headers for SEARCH). */
    static byte[] readBytes(BlobStore blobs, MessageMeta meta, long offset, long length) {
        long start = Math.max(0, Math.min(offset, meta.size()));
        long len = Math.max(0, Math.min(length, meta.size() - start));
        try (InputStream in = blobs.open(meta.blobId(), start, len)) {
            return in.readNBytes((int) len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long headerEnd(MessageMeta meta, MessageFacts facts) {
        if (facts == null) {
            return meta.size();
        }
        if (facts.body() != null && facts.body().bodyOffset() > 0) {
            return Math.min(facts.body().bodyOffset(), meta.size());
        }
        return Math.min(facts.headerSize(), meta.size());
    }

    /** RFC 3501 §6.4.5 part numbering: parts of a message/rfc822 are those of the encapsulated message. */
    static BodyPart navigate(BodyPart root, List<Integer> path) {
        BodyPart cur = root;
        for (int index : path) {
            if (cur.isMessageRfc822() && cur != root && cur.message() != null) {
                cur = cur.message();
            }
            if (cur.isMultipart()) {
                if (index > cur.children().size()) {
                    return null;
                }
                cur = cur.children().get(index - 1);
            } else if (index != 1) {
                return null;
            }
        }
        return cur;
    }

    private static SectionContent range(MessageMeta meta, long from, long to) {
        long start = Math.max(0, Math.min(from, meta.size()));
        long end = Math.max(start, Math.min(to, meta.size()));
        return new BlobRange(meta.blobId(), start, end - start);
    }

    private static SectionContent fields(BodySection s, MessageMeta meta, long from, long to, BlobStore blobs) {
        long len = Math.min(to - from, MAX_HEADER_BYTES);
        byte[] header;
        try (InputStream in = blobs.open(meta.blobId(), from, Math.max(0, len))) {
            header = in.readNBytes((int) Math.max(0, len));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ImapResponse.Bytes(s.specifier().equals("HEADER.FIELDS.NOT")
                ? HeaderFieldFilter.fieldsNot(header, s.fields()) : HeaderFieldFilter.fields(header, s.fields()));
    }

    private static SectionContent partial(SectionContent c, long origin, long octets) {
        if (origin < 0) {
            return c;
        }
        if (c instanceof BlobRange r) {
            long start = Math.min(origin, r.length());
            long len = Math.min(octets, r.length() - start);
            return new BlobRange(r.blobId(), r.offset() + start, len);
        }
        if (c instanceof ImapResponse.Bytes b) {
            int start = (int) Math.min(origin, b.bytes().length);
            int end = (int) Math.min((long) start + octets, b.bytes().length);
            return new ImapResponse.Bytes(Arrays.copyOfRange(b.bytes(), start, end));
        }
        return c;
    }
}
