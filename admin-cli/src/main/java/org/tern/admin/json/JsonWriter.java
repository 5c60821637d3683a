package org.tern.admin.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Writes Java values as JSON: {@link Map} (String keys) as objects, {@link Collection} as arrays, {@link String},
 * integral {@link Number}s and {@link BigDecimal}, {@link Boolean} and {@code null}. Anything else is refused,
 * so a value that would not round-trip never reaches the wire.
 */
public final class JsonWriter {

    private final boolean pretty;

    private JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    /** Compact JSON, for the wire. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        new JsonWriter(false).value(out, value, 0);
        return out.toString();
    }

    /** Indented JSON (two spaces), for people and scripts reading CLI output. */
    public static String writePretty(Object value) {
        StringBuilder out = new StringBuilder();
        new JsonWriter(true).value(out, value, 0);
        return out.toString();
    }

    private void value(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            out.append(d.toString());
        } else if (value instanceof Map<?, ?> map) {
            object(out, map, depth);
        } else if (value instanceof Collection<?> list) {
            array(out, list, depth);
        } else {
            throw new JsonException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private void object(StringBuilder out, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new JsonException("JSON object keys must be strings, not " + e.getKey());
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, depth + 1);
            string(out, key);
            out.append(pretty ? ": " : ":");
            value(out, e.getValue(), depth + 1);
        }
        newline(out, depth);
        out.append('}');
    }

    private void array(StringBuilder out, Collection<?> list, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        for (Object item : list) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, depth + 1);
            value(out, item, depth + 1);
        }
        newline(out, depth);
        out.append(']');
    }

    private void newline(StringBuilder out, int depth) {
        if (pretty) {
            out.append('\n').append("  ".repeat(depth));
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // U+2028/2029 are legal JSON but break JavaScript string literals: escape them too.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
