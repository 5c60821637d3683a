package org.tern.store.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tern.store.mime.BodyPart.Param;

/**
 * Parses a stored message once into its {@link MessageFacts}: RFC 3501 ENVELOPE and BODYSTRUCTURE with exact
 * byte offsets of every part. Streams the input in bounded memory. Stateless and thread-safe.
 *
 * <p>MIME structure is found by our own line scanner rather than mime4j's token stream because FETCH
 * BODY[section] needs exact byte offsets into the stored blob, which mime4j's buffered parser does not
 * expose; the boundary rules are RFC 2046 §5.1.1 (the line break before a delimiter belongs to the delimiter).
 */
public final class MessageParser {

    private static final List<Param> DEFAULT_PARAMS = List.of(new Param("charset", "us-ascii"));
    /** Limits as Dovecot's (max_nested_mime_parts, max_total_mime_parts): deeper or further parts are text. */
    static final int MAX_DEPTH = 100;
    static final int MAX_PARTS = 10_000;

    /** Parses the whole message from {@code in}; never fails on malformed MIME (it degrades to text/plain). */
    public MessageFacts parse(InputStream in) throws IOException {
        Run run = new Run(new LineReader(in));
        Entity top = run.entity(0, false, true);
        long size = run.reader.position();
        return new MessageFacts(top.envelope, top.part, size, top.part.bodyOffset(), run.reader.completedLines());
    }

    /** A parsed entity: its part and, for a message (top level or encapsulated), its envelope. */
    private record Entity(BodyPart part, Envelope envelope) {
    }

    /** Parsed MIME header fields of one entity. */
    private record Content(String type, String subtype, List<Param> params, String boundary, String id,
                           String description, String encoding, String md5, String disposition,
                           List<Param> dispositionParams, List<String> language, String location) {

        boolean isText() {
            return "text".equalsIgnoreCase(type);
        }

        boolean isMessageRfc822() {
            return "message".equalsIgnoreCase(type) && "rfc822".equalsIgnoreCase(subtype);
        }

        boolean isMultipart() {
            return "multipart".equalsIgnoreCase(type);
        }

        /** RFC 2046 §5.2.1: only an identity encoding may wrap an encapsulated message we can parse. */
        boolean hasIdentityEncoding() {
            return encoding.equals("7BIT") || encoding.equals("8BIT") || encoding.equals("BINARY");
        }

        Content asPlainText() {
            return new Content("text", "plain", DEFAULT_PARAMS, null, id, description, encoding, md5, disposition,
                    dispositionParams, language, location);
        }
    }

    /** Per-parse state: the line reader, the stack of open boundaries and the boundary line that stopped us. */
    private static final class Run {
        final LineReader reader;
        final List<byte[]> boundaries = new ArrayList<>();
        int hit = -1;
        boolean hitClose;
        long hitStart;
        int hitPrevTerm;
        long hitPrevLineStart;
        long hitLineIndex;
        int depth;
        int parts;

        Run(LineReader reader) {
            this.reader = reader;
        }

        Entity entity(long start, boolean digestChild, boolean isMessage) throws IOException {
            depth++;
            parts++;
            try {
                return parseEntity(start, digestChild, isMessage);
            } finally {
                depth--;
            }
        }

        /** Whether a container (multipart, message/rfc822) may open one more level. */
        private boolean mayNest() {
            return depth < MAX_DEPTH && parts < MAX_PARTS;
        }

        private Entity parseEntity(long start, boolean digestChild, boolean isMessage) throws IOException {
            HeaderCollector headers = new HeaderCollector(isMessage);
            long bodyOffset = readHeader(start, headers);
            long linesAtBody = hit >= 0 ? hitLineIndex : reader.completedLines();
            Content content = content(headers, digestChild);
            Envelope envelope = isMessage ? envelope(headers) : null;
            if (hit >= 0) {
                // header cut short by a boundary: an empty body
                if (content.isMultipart() || content.isMessageRfc822()) {
                    content = content.asPlainText();
                }
                return new Entity(leaf(content, start, bodyOffset, bodyOffset, 0), envelope);
            }
            if (content.isMultipart()) {
                return new Entity(multipart(content, start, bodyOffset, linesAtBody), envelope);
            }
            if (content.isMessageRfc822() && content.hasIdentityEncoding() && mayNest()) {
                Entity inner = entity(bodyOffset, false, true);
                long end = inner.part.endOffset();
                BodyPart part = build(content, start, bodyOffset, end, lines(bodyOffset, end, linesAtBody),
                        List.of(), inner.envelope, inner.part);
                return new Entity(part, envelope);
            }
            scanBody();
            long end = end(bodyOffset);
            return new Entity(leaf(content, start, bodyOffset, end, lines(bodyOffset, end, linesAtBody)), envelope);
        }

        private BodyPart multipart(Content content, long start, long bodyOffset, long linesAtBody)
                throws IOException {
            if (content.boundary == null || content.boundary.isEmpty() || !mayNest()) {
                scanBody();
                long end = end(bodyOffset);
                return leaf(content.asPlainText(), start, bodyOffset, end, lines(bodyOffset, end, linesAtBody));
            }
            int mine = boundaries.size();
            boundaries.add(("--" + content.boundary).getBytes(StandardCharsets.UTF_8));
            boolean digest = "digest".equalsIgnoreCase(content.subtype);
            List<BodyPart> children = new ArrayList<>();
            scanBody(); // preamble
            while (hit == mine && !hitClose) {
                hit = -1;
                if (parts < MAX_PARTS) {
                    children.add(entity(reader.position(), digest, false).part);
                } else {
                    scanBody(); // over the limit: the part's bytes stay in the multipart body only
                }
            }
            if (hit == mine) {
                hit = -1;
                scanBody(); // epilogue
            }
            boundaries.remove(mine);
            long end = end(bodyOffset);
            if (children.isEmpty()) {
                // no delimiter at all: RFC 2046 has no such multipart, so show it as the text it is
                return leaf(content.asPlainText(), start, bodyOffset, end, lines(bodyOffset, end, linesAtBody));
            }
            return build(content, start, bodyOffset, end, 0, children, null, null);
        }

        /** Reads header lines; returns the body offset. Stops at the blank line, a boundary or the end. */
        private long readHeader(long start, HeaderCollector headers) throws IOException {
            byte[] b = reader.buffer();
            while (reader.next()) {
                int off = reader.offset();
                int len = reader.length();
                if (reader.atLineStart()) {
                    if (matchBoundary()) {
                        headers.finishField();
                        return Math.max(start, hitStart - hitPrevTerm);
                    }
                    if (len == 1 && b[off] == '\n' || len == 2 && b[off] == '\r' && b[off + 1] == '\n') {
                        headers.finishField();
                        return reader.segmentEnd();
                    }
                    if (RawText.isWsp(b[off])) {
                        headers.append(b, off, reader.contentLength());
                    } else {
                        headers.startField(b, off, reader.contentLength());
                    }
                } else {
                    headers.append(b, off, reader.contentLength());
                }
            }
            headers.finishField();
            return reader.position();
        }

        /** Skips body lines until a boundary line of an open multipart or the end of input. */
        private void scanBody() throws IOException {
            if (boundaries.isEmpty()) {
                while (reader.next()) {
                    // only counting
                }
                return;
            }
            while (reader.next()) {
                if (reader.atLineStart() && matchBoundary()) {
                    return;
                }
            }
        }

        /** RFC 2046 §5.1.1: "--" boundary ["--"] *LWSP line-end; innermost boundary first. */
        private boolean matchBoundary() {
            int len = reader.length();
            if (boundaries.isEmpty() || len < 3 || !reader.endsLine()) {
                return false;
            }
            byte[] b = reader.buffer();
            int off = reader.offset();
            if (b[off] != '-' || b[off + 1] != '-') {
                return false;
            }
            int content = reader.contentLength();
            for (int k = boundaries.size() - 1; k >= 0; k--) {
                byte[] d = boundaries.get(k);
                if (content < d.length || !startsWith(b, off, d)) {
                    continue;
                }
                int i = off + d.length;
                int stop = off + content;
                boolean close = i + 1 < stop && b[i] == '-' && b[i + 1] == '-';
                if (close) {
                    i += 2;
                }
                while (i < stop && (RawText.isWsp(b[i]) || b[i] == '\r')) {
                    i++;
                }
                if (i == stop) {
                    hit = k;
                    hitClose = close;
                    hitStart = reader.segmentStart();
                    hitPrevTerm = reader.previousTerminator();
                    hitPrevLineStart = reader.previousLineStart();
                    hitLineIndex = reader.completedLines() - 1;
                    return true;
                }
            }
            return false;
        }

        private static boolean startsWith(byte[] b, int off, byte[] prefix) {
            for (int i = 0; i < prefix.length; i++) {
                if (b[off + i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        /** End of the body that began at {@code bodyOffset}, given why scanning stopped. */
        private long end(long bodyOffset) {
            if (hit < 0) {
                return reader.position();
            }
            return Math.max(bodyOffset, hitStart - hitPrevTerm);
        }

        /** Lines that start inside [bodyOffset, end). */
        private long lines(long bodyOffset, long end, long linesAtBody) {
            if (end <= bodyOffset) {
                return 0;
            }
            if (hit < 0) {
                return reader.completedLines() - linesAtBody;
            }
            long n = hitLineIndex - linesAtBody;
            if (n > 0 && hitPrevLineStart >= end) {
                n--; // the last line was only the line break that belongs to the delimiter
            }
            return Math.max(0, n);
        }

        private BodyPart leaf(Content c, long start, long bodyOffset, long end, long lines) {
            boolean counted = c.isText() || c.isMessageRfc822();
            return build(c, start, bodyOffset, end, counted ? lines : 0, List.of(), null, null);
        }

        private static BodyPart build(Content c, long start, long bodyOffset, long end, long lines,
                                      List<BodyPart> children, Envelope envelope, BodyPart message) {
            return new BodyPart(c.type, c.subtype, c.params, c.id, c.description, c.encoding, end - bodyOffset,
                    lines, c.md5, c.disposition, c.dispositionParams, c.language, c.location,
                    List.copyOf(children), envelope, message, start, bodyOffset, end);
        }

        private static Content content(HeaderCollector h, boolean digestChild) {
            String type = digestChild ? "message" : "text";
            String subtype = digestChild ? "rfc822" : "plain";
            List<Param> params = digestChild ? List.of() : DEFAULT_PARAMS;
            String boundary = null;
            String ct = h.get("content-type");
            if (ct != null) {
                MimeParams.Parsed parsed = MimeParams.parse(ct);
                String v = parsed.value();
                int slash = v.indexOf('/');
                if (slash > 0 && slash < v.length() - 1 && v.indexOf('/', slash + 1) < 0) {
                    type = v.substring(0, slash);
                    subtype = v.substring(slash + 1);
                    params = List.copyOf(parsed.params());
                    if ("text".equalsIgnoreCase(type) && params.isEmpty()) {
                        params = DEFAULT_PARAMS;
                    }
                    for (Param p : params) {
                        if (p.name().equalsIgnoreCase("boundary")) {
                            boundary = p.value();
                            break;
                        }
                    }
                }
            }
            String encoding = "7BIT";
            String cte = h.get("content-transfer-encoding");
            if (cte != null) {
                String v = MimeParams.parse(cte).value();
                if (!v.isEmpty()) {
                    encoding = v.toUpperCase(Locale.ROOT);
                }
            }
            String disposition = null;
            List<Param> dispositionParams = List.of();
            String cd = h.get("content-disposition");
            if (cd != null) {
                MimeParams.Parsed parsed = MimeParams.parse(cd);
                if (!parsed.value().isEmpty()) {
                    disposition = parsed.value();
                    dispositionParams = List.copyOf(parsed.params());
                }
            }
            return new Content(type, subtype, params, boundary, h.get("content-id"), h.get("content-description"),
                    encoding, h.get("content-md5"), disposition, dispositionParams, language(h.get("content-language")),
                    h.get("content-location"));
        }

        private static List<String> language(String value) {
            if (value == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String tag : MimeParams.parse(value.replace(';', ',')).value().split(",")) {
                if (!tag.isBlank()) {
                    out.add(tag.trim());
                }
            }
            return List.copyOf(out);
        }

        private static Envelope envelope(HeaderCollector h) {
            List<Envelope.Address> from = AddressParser.parse(h.get("from"));
            List<Envelope.Address> sender = AddressParser.parse(h.get("sender"));
            List<Envelope.Address> replyTo = AddressParser.parse(h.get("reply-to"));
            return new Envelope(h.get("date"), h.get("subject"), from, sender.isEmpty() ? from : sender,
                    replyTo.isEmpty() ? from : replyTo, AddressParser.parse(h.get("to")),
                    AddressParser.parse(h.get("cc")), AddressParser.parse(h.get("bcc")), h.get("in-reply-to"),
                    h.get("message-id"));
        }
    }
}
