package org.tern.store.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * A header block split into fields for SEARCH HEADER/FROM/SUBJECT...: names as written, values unfolded (line
 * breaks removed, RFC 5322 §2.2.3) and trimmed, still raw; {@link #decode} turns RFC 2047 encoded-words into
 * text. Parsing stops at the first blank line; lines before it without a colon are skipped.
 */
public final class HeaderFields {

    /** One header field: name as written, raw unfolded value. */
    public record Field(String name, String value) {

        /** The value with RFC 2047 encoded-words decoded. */
        public String decodedValue() {
            return decode(value);
        }
    }

    private HeaderFields() {
    }

    /** Parses the header block (or a whole message: only its header is read). */
    public static List<Field> parse(byte[] header) {
        return parse(header, 0, header.length);
    }

    public static List<Field> parse(byte[] b, int off, int len) {
        List<Field> fields = new ArrayList<>();
        for (HeaderLines.Range r : HeaderLines.fields(b, off, len)) {
            if (r.colon() < 0) {
                continue;
            }
            String name = new String(b, r.start(), r.nameEnd() - r.start(), StandardCharsets.ISO_8859_1);
            fields.add(new Field(name, unfold(b, r.colon() + 1, r.end())));
        }
        return List.copyOf(fields);
    }

    /** The first field named {@code name} (ignoring case). */
    public static Optional<Field> first(List<Field> fields, String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Decodes RFC 2047 encoded-words (mime4j); unknown charsets and malformed words are left as they are. */
    public static String decode(String raw) {
        if (raw == null || raw.indexOf("=?") < 0) {
            return raw;
        }
        try {
            return DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return raw;
        }
    }

    private static String unfold(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] != '\r' && b[i] != '\n') {
                out[n++] = b[i];
            }
        }
        return RawText.trim(RawText.decode(out, 0, n));
    }
}
