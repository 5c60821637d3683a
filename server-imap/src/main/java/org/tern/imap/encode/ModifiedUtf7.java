package org.tern.imap.encode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** RFC 3501 §5.1.3 modified UTF-7 for mailbox names on the wire. */
public final class ModifiedUtf7 {

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private ModifiedUtf7() {
    }

    /** Encodes a Unicode mailbox name for the wire. */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '&') {
                out.append("&-");
                i++;
            } else if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
                i++;
            } else {
                int j = i;
                while (j < name.length() && (name.charAt(j) < 0x20 || name.charAt(j) > 0x7e)) {
                    j++;
                }
                ByteBuffer utf16 = StandardCharsets.UTF_16BE.encode(name.substring(i, j));
                byte[] bytes = new byte[utf16.remaining()];
                utf16.get(bytes);
                out.append('&').append(ENCODER.encodeToString(bytes).replace('/', ',')).append('-');
                i = j;
            }
        }
        return out.toString();
    }

    /** Decodes a wire name; invalid sequences raise {@link IllegalArgumentException}. */
    public static String decode(String wire) {
        if (wire.indexOf('&') < 0) {
            return wire;
        }
        StringBuilder out = new StringBuilder(wire.length());
        int i = 0;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = wire.indexOf('-', i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated modified UTF-7 sequence");
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                String b64 = wire.substring(i + 1, end).replace(',', '/');
                byte[] bytes = Base64.getDecoder().decode(b64);
                if (bytes.length % 2 != 0) {
                    throw new IllegalArgumentException("bad modified UTF-7 sequence");
                }
                out.append(new String(bytes, StandardCharsets.UTF_16BE));
            }
            i = end + 1;
        }
        return out.toString();
    }
}
