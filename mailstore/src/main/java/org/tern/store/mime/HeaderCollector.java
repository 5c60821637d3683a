package org.tern.store.mime;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Collects the unfolded raw values of selected header fields (first occurrence wins) while a header block is
 * read segment by segment. Unfolding removes only the line breaks (RFC 5322 §2.2.3); values are trimmed.
 */
final class HeaderCollector {

    /** Bound on one collected value so a hostile header cannot exhaust the heap. */
    private static final int MAX_VALUE = 1 << 20;

    static final Set<String> MIME_FIELDS = Set.of("content-type", "content-transfer-encoding", "content-id",
            "content-description", "content-md5", "content-disposition", "content-language", "content-location");
    static final Set<String> ENVELOPE_FIELDS = Set.of("date", "subject", "from", "sender", "reply-to", "to", "cc",
            "bcc", "in-reply-to", "message-id");

    private final boolean envelope;
    private final Map<String, String> values = new HashMap<>();
    private String current;
    private byte[] value = new byte[256];
    private int valueLen;

    HeaderCollector(boolean envelope) {
        this.envelope = envelope;
    }

    /** A line that starts a new field (or junk without a colon, which is ignored). */
    void startField(byte[] b, int off, int len) {
        finishField();
        int colon = -1;
        for (int i = off; i < off + len; i++) {
            if (b[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return;
        }
        int nameEnd = colon;
        while (nameEnd > off && RawText.isWsp(b[nameEnd - 1])) {
            nameEnd--;
        }
        if (nameEnd - off > 40 || !HeaderLines.validName(b, off, nameEnd)) {
            return;
        }
        String name = new String(b, off, nameEnd - off, java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        if (values.containsKey(name) || !(MIME_FIELDS.contains(name) || envelope && ENVELOPE_FIELDS.contains(name))) {
            return;
        }
        current = name;
        valueLen = 0;
        append(b, colon + 1, off + len - colon - 1);
    }

    /** A continuation line or the rest of a long line, without its terminator. */
    void append(byte[] b, int off, int len) {
        if (current == null || len <= 0) {
            return;
        }
        int n = Math.min(len, MAX_VALUE - valueLen);
        if (n <= 0) {
            return;
        }
        if (valueLen + n > value.length) {
            value = Arrays.copyOf(value, Math.max(valueLen + n, value.length * 2));
        }
        System.arraycopy(b, off, value, valueLen, n);
        valueLen += n;
    }

    void finishField() {
        if (current != null) {
            values.put(current, RawText.trim(RawText.decode(value, 0, valueLen)));
            current = null;
        }
    }

    /** The unfolded, trimmed raw value, or null when the field is absent. */
    String get(String lowerCaseName) {
        return values.get(lowerCaseName);
    }
}
