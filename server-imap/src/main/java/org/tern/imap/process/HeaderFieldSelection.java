package org.tern.imap.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** BODY[HEADER.FIELDS (...)] and HEADER.FIELDS.NOT: keeps or drops whole fields (with continuation lines). */
final class HeaderFieldSelection {

    private HeaderFieldSelection() {
    }

    static byte[] filter(byte[] header, List<String> fields, boolean not) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(fields);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        boolean keep = false;
        while (i < header.length) {
            int end = i;
            while (end < header.length && header[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, header.length);
            int contentEnd = end > i && header[end - 1] == '\r' ? end - 1 : end;
            if (contentEnd == i) {
                break; // blank line: end of header
            }
            if (header[i] != ' ' && header[i] != '\t') {
                int colon = i;
                while (colon < contentEnd && header[colon] != ':') {
                    colon++;
                }
                String name = new String(header, i, colon - i, StandardCharsets.ISO_8859_1).trim()
                        .toLowerCase(Locale.ROOT);
                keep = names.contains(name) != not;
            }
            if (keep) {
                out.write(header, i, contentEnd - i);
                out.write('\r');
                out.write('\n');
            }
            i = next;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
