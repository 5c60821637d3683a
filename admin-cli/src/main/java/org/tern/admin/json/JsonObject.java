package org.tern.admin.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed, checked access to a parsed JSON object; a field of the wrong type is a {@link JsonException}. */
public final class JsonObject {

    private final Map<String, Object> fields;

    private JsonObject(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Wraps a value from {@link JsonReader#parse}; refuses anything but an object. */
    @SuppressWarnings("unchecked")
    public static JsonObject of(Object parsed) {
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new JsonException("expected a JSON object");
        }
        return new JsonObject((Map<String, Object>) map);
    }

    public static JsonObject parse(String text) {
        return of(JsonReader.parse(text));
    }

    public boolean has(String name) {
        return fields.get(name) != null;
    }

    public String string(String name) {
        return optionalString(name).orElseThrow(() -> new JsonException("missing field \"" + name + "\""));
    }

    public Optional<String> optionalString(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new JsonException("field \"" + name + "\" must be a string");
        }
        return Optional.of(s);
    }

    public long longValue(String name) {
        return optionalLong(name).orElseThrow(() -> new JsonException("missing field \"" + name + "\""));
    }

    public Optional<Long> optionalLong(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Long l) {
            return Optional.of(l);
        }
        if (v instanceof BigDecimal d) {
            try {
                return Optional.of(d.longValueExact());
            } catch (ArithmeticException e) {
                throw new JsonException("field \"" + name + "\" must be a whole number in range");
            }
        }
        throw new JsonException("field \"" + name + "\" must be a number");
    }

    public boolean bool(String name, boolean absent) {
        Object v = fields.get(name);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Boolean b)) {
            throw new JsonException("field \"" + name + "\" must be true or false");
        }
        return b;
    }

    public List<String> stringList(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new JsonException("field \"" + name + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new JsonException("field \"" + name + "\" must be an array of strings");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    public JsonObject object(String name) {
        Object v = fields.get(name);
        if (v == null) {
            throw new JsonException("missing field \"" + name + "\"");
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new JsonException("field \"" + name + "\" must be an object");
        }
        return of(v);
    }

    public List<JsonObject> objectList(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new JsonException("field \"" + name + "\" must be an array of objects");
        }
        List<JsonObject> out = new ArrayList<>();
        for (Object item : list) {
            out.add(of(item));
        }
        return List.copyOf(out);
    }
}
