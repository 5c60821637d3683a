package org.tern.imap.process;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A message header parsed for SEARCH: unfolded fields with RFC 2047 encoded-words decoded. */
final class HeaderBlock {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

    record Field(String name, String value) {
    }

    private final List<Field> fields;

    private HeaderBlock(List<Field> fields) {
        this.fields = fields;
    }

    static HeaderBlock parse(byte[] header) {
        // raw 8-bit headers are most often UTF-8 (RFC 6532)
        String text = new String(header, StandardCharsets.UTF_8);
        List<Field> fields = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.trim());
                continue;
            }
            if (name != null) {
                fields.add(new Field(name, decode(value.toString().trim())));
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                name = null;
                value.setLength(0);
                continue;
            }
            name = line.substring(0, colon).trim();
            value.setLength(0);
            value.append(line.substring(colon + 1));
        }
        if (name != null) {
            fields.add(new Field(name, decode(value.toString().trim())));
        }
        return new HeaderBlock(fields);
    }

    List<Field> fields() {
        return fields;
    }

    /** Values of a field, case-insensitive name. */
    List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    /** All decoded field lines, for TEXT searches. */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields) {
            sb.append(f.name()).append(": ").append(f.value()).append('\n');
        }
        return sb.toString();
    }

    /** Decodes RFC 2047 encoded-words; whitespace between adjacent encoded-words is dropped. */
    static String decode(String value) {
        if (!value.contains("=?")) {
            return value;
        }
        Matcher m = ENCODED_WORD.matcher(value);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        boolean lastWasWord = false;
        while (m.find()) {
            String between = value.substring(last, m.start());
            if (!(lastWasWord && between.isBlank())) {
                sb.append(between);
            }
            sb.append(decodeWord(m.group(1), m.group(2), m.group(3), m.group(0)));
            last = m.end();
            lastWasWord = true;
        }
        sb.append(value.substring(last));
        return sb.toString();
    }

    private static String decodeWord(String charsetName, String encoding, String text, String original) {
        try {
            int star = charsetName.indexOf('*'); // RFC 2231 language suffix
            Charset cs = Charset.forName(star >= 0 ? charsetName.substring(0, star) : charsetName);
            byte[] bytes = encoding.equalsIgnoreCase("B") ? Base64.getMimeDecoder().decode(text)
                    : qDecode(text.replace('_', ' '));
            return new String(bytes, cs);
        } catch (IllegalArgumentException e) {
            return original;
        }
    }

    /** Quoted-printable decoding (also used for Content-Transfer-Encoding). */
    static byte[] qDecode(String text) {
        byte[] in = text.getBytes(StandardCharsets.ISO_8859_1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '=' && i + 2 < in.length) {
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
                if (in[i + 1] == '\r' && in[i + 2] == '\n') {
                    i += 2;
                    continue;
                }
            }
            if (b == '=' && i + 1 < in.length && in[i + 1] == '\n') {
                i += 1;
                continue;
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
