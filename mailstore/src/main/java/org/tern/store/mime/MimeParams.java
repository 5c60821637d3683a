package org.tern.store.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.tern.store.mime.BodyPart.Param;

/**
 * Parses a structured MIME header value of the form {@code value *(";" name "=" (token / quoted-string))}
 * (Content-Type, Content-Disposition) leniently, joining and decoding RFC 2231 continuations and charsets.
 */
final class MimeParams {

    /** The main value (comments and whitespace removed) and the parameters in order of first appearance. */
    record Parsed(String value, List<Param> params) {
    }

    private record RawParam(String name, String value) {
    }

    private MimeParams() {
    }

    static Parsed parse(String header) {
        int i = 0;
        int n = header.length();
        StringBuilder main = new StringBuilder();
        while (i < n && header.charAt(i) != ';') {
            char c = header.charAt(i);
            if (c == '(') {
                i = skipComment(header, i);
                continue;
            }
            if (c == '"') {
                int end = quotedEnd(header, i);
                main.append(unquote(header, i, end));
                i = end;
                continue;
            }
            if (!Character.isWhitespace(c)) {
                main.append(c);
            }
            i++;
        }
        List<RawParam> raw = new ArrayList<>();
        while (i < n) {
            i++; // the ';'
            while (i < n && (Character.isWhitespace(header.charAt(i)) || header.charAt(i) == ';')) {
                if (header.charAt(i) == ';') {
                    i++;
                    continue;
                }
                i++;
            }
            int nameStart = i;
            while (i < n && header.charAt(i) != '=' && header.charAt(i) != ';') {
                i++;
            }
            String name = header.substring(nameStart, i).trim();
            if (i >= n || header.charAt(i) == ';') {
                continue; // a name without a value: ignored
            }
            i++; // '='
            while (i < n && RawText.isWsp(header.charAt(i))) {
                i++;
            }
            String value;
            if (i < n && header.charAt(i) == '"') {
                int end = quotedEnd(header, i);
                value = unquote(header, i, end);
                i = end;
                while (i < n && header.charAt(i) != ';') {
                    i++;
                }
            } else {
                int vStart = i;
                while (i < n && header.charAt(i) != ';') {
                    i++;
                }
                value = stripComments(header.substring(vStart, i)).trim();
            }
            if (!name.isEmpty()) {
                raw.add(new RawParam(name, value));
            }
        }
        return new Parsed(main.toString(), rfc2231(raw));
    }

    /** Index just past the closing quote (or the end) of a quoted string starting at {@code start}. */
    private static int quotedEnd(String s, int start) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '"') {
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    private static String unquote(String s, int start, int end) {
        StringBuilder sb = new StringBuilder(end - start);
        int stop = end > start + 1 && s.charAt(end - 1) == '"' && end - 1 > start ? end - 1 : end;
        for (int i = start + 1; i < stop; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < stop) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static int skipComment(String s, int start) {
        int depth = 0;
        int i = start;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    private static String stripComments(String s) {
        if (s.indexOf('(') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '(') {
                i = skipComment(s, i);
            } else {
                sb.append(s.charAt(i++));
            }
        }
        return sb.toString();
    }

    /** RFC 2231: joins {@code name*0}, {@code name*1*}... and decodes {@code charset'lang'%XX} values. */
    private static List<Param> rfc2231(List<RawParam> raw) {
        boolean any = false;
        for (RawParam p : raw) {
            if (p.name().indexOf('*') >= 0) {
                any = true;
                break;
            }
        }
        if (!any) {
            List<Param> out = new ArrayList<>(raw.size());
            for (RawParam p : raw) {
                out.add(new Param(p.name(), p.value()));
            }
            return out;
        }
        Map<String, Object> byName = new LinkedHashMap<>();
        for (RawParam p : raw) {
            String name = p.name();
            int star = name.indexOf('*');
            if (star < 0) {
                byName.putIfAbsent(name.toLowerCase(Locale.ROOT), new Param(name, p.value()));
                continue;
            }
            String base = name.substring(0, star);
            String rest = name.substring(star + 1);
            boolean extended = rest.endsWith("*") || rest.isEmpty();
            String digits = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
            int section;
            try {
                section = digits.isEmpty() ? 0 : Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                byName.putIfAbsent(name.toLowerCase(Locale.ROOT), new Param(name, p.value()));
                continue;
            }
            String key = base.toLowerCase(Locale.ROOT);
            Object existing = byName.get(key);
            Sections sections;
            if (existing instanceof Sections s) {
                sections = s;
            } else {
                sections = new Sections(base);
                byName.put(key, sections); // replaces a plain value: the RFC 2231 form wins
            }
            sections.parts.putIfAbsent(section, new RawParam(extended ? "*" : "", p.value()));
        }
        List<Param> out = new ArrayList<>(byName.size());
        for (Object o : byName.values()) {
            out.add(o instanceof Sections s ? s.decode() : (Param) o);
        }
        return out;
    }

    private static final class Sections {
        final String base;
        final TreeMap<Integer, RawParam> parts = new TreeMap<>();

        Sections(String base) {
            this.base = base;
        }

        Param decode() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Charset charset = null;
            boolean first = true;
            for (RawParam part : parts.values()) {
                String v = part.value();
                boolean extended = part.name().equals("*");
                if (first && extended) {
                    int q1 = v.indexOf('\'');
                    int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
                    if (q2 > 0) {
                        charset = charset(v.substring(0, q1));
                        v = v.substring(q2 + 1);
                    }
                }
                first = false;
                if (extended) {
                    percentDecode(v, bytes);
                } else {
                    bytes.writeBytes(v.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] b = bytes.toByteArray();
            String value = charset == null ? RawText.decode(b, 0, b.length) : new String(b, charset);
            return new Param(base, value);
        }

        private static Charset charset(String name) {
            try {
                return name.isEmpty() ? null : Charset.forName(name.trim());
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static void percentDecode(String v, ByteArrayOutputStream out) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '%' && i + 2 < v.length() && hex(v.charAt(i + 1)) >= 0 && hex(v.charAt(i + 2)) >= 0) {
                    out.write(hex(v.charAt(i + 1)) * 16 + hex(v.charAt(i + 2)));
                    i += 2;
                } else if (c < 0x80) {
                    out.write(c);
                } else {
                    out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
            }
        }

        private static int hex(char c) {
            return Character.digit(c, 16);
        }
    }
}
