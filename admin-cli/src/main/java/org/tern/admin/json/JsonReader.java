package org.tern.admin.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser. Objects become {@link Map} (insertion ordered, duplicate keys refused), arrays
 * {@link List}, strings {@link String}, integers {@link Long} (or {@link BigDecimal} when they do not fit),
 * other numbers {@link BigDecimal}, and {@code true}/{@code false}/{@code null} Boolean or null.
 * No comments, no trailing commas, no leading zeros, no unescaped control characters, no trailing text.
 */
public final class JsonReader {

    /** Deeper nesting than any admin request needs; bounds the recursion. */
    private static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    /** Parses one JSON value (whitespace around it allowed, nothing else). */
    public static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("unexpected text after the JSON value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character '" + printable(c) + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            int keyPos = pos;
            String key = string();
            if (map.containsKey(key)) {
                pos = keyPos;
                throw error("duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            map.put(key, value(depth + 1));
            skipWhitespace();
            char c = next("',' or '}'");
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            char c = next("',' or ']'");
            if (c == ']') {
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next("closing '\"'");
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("unescaped control character in string");
            }
            if (c == '\\') {
                escape(out);
            } else {
                out.append(c);
            }
        }
    }

    private void escape(StringBuilder out) {
        char e = next("escape character");
        switch (e) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> unicodeEscape(out);
            default -> {
                pos--;
                throw error("invalid escape '\\" + printable(e) + "'");
            }
        }
    }

    private void unicodeEscape(StringBuilder out) {
        char c = hex4();
        if (Character.isHighSurrogate(c)) {
            if (!text.startsWith("\\u", pos)) {
                throw error("unpaired surrogate in \\u escape");
            }
            pos += 2;
            char low = hex4();
            if (!Character.isLowSurrogate(low)) {
                throw error("unpaired surrogate in \\u escape");
            }
            out.append(c).append(low);
        } else if (Character.isLowSurrogate(c)) {
            throw error("unpaired surrogate in \\u escape");
        } else {
            out.append(c);
        }
    }

    private char hex4() {
        if (pos + 4 > text.length()) {
            throw error("incomplete \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw error("invalid hex digit in \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zero in number");
            }
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            digits();
        }
        String literal = text.substring(start, pos);
        if (integral && literal.length() <= 18) {
            return Long.parseLong(literal);
        }
        BigDecimal d = new BigDecimal(literal);
        if (integral) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException tooBig) {
                return d;
            }
        }
        return d;
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected character '" + printable(text.charAt(pos)) + "'");
        }
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The current character, or 0 at the end (0 is never valid where peek is used). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private char next(String expected) {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected " + expected);
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private JsonException error(String what) {
        return new JsonException("invalid JSON at offset " + pos + ": " + what);
    }
}
