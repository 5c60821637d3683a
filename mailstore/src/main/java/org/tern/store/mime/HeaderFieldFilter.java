package org.tern.store.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * BODY[HEADER.FIELDS (...)] and BODY[HEADER.FIELDS.NOT (...)] (RFC 3501 §6.4.5): the original lines of the
 * selected fields, folding and line breaks as stored, in message order, followed by a blank CRLF line. Names
 * match ignoring case; lines without a colon are never selected by HEADER.FIELDS and always kept by .NOT.
 */
public final class HeaderFieldFilter {

    private static final byte[] CRLF = {'\r', '\n'};

    private HeaderFieldFilter() {
    }

    /** HEADER.FIELDS: only the named fields. */
    public static byte[] fields(byte[] header, Collection<String> names) {
        return filter(header, names, true);
    }

    /** HEADER.FIELDS.NOT: every field except the named ones. */
    public static byte[] fieldsNot(byte[] header, Collection<String> names) {
        return filter(header, names, false);
    }

    private static byte[] filter(byte[] header, Collection<String> names, boolean keepNamed) {
        Set<String> wanted = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(header.length, 4096) + 2);
        for (HeaderLines.Range r : HeaderLines.fields(header, 0, header.length)) {
            boolean named = r.colon() >= 0 && wanted.contains(
                    new String(header, r.start(), r.nameEnd() - r.start(), StandardCharsets.ISO_8859_1)
                            .toLowerCase(Locale.ROOT));
            if (named != keepNamed) {
                continue;
            }
            out.write(header, r.start(), r.end() - r.start());
            if (header[r.end() - 1] != '\n') {
                out.writeBytes(CRLF); // a last line without a line break
            }
        }
        out.writeBytes(CRLF);
        return out.toByteArray();
    }
}
