package org.tern.admin.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesEveryKindOfValue() {
        Object v = JsonReader.parse(" {\"s\":\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\", \"i\":-12, \"big\":123456789012345678901,"
                + " \"f\":1.5e3, \"t\":true, \"n\":null, \"a\":[1,[],{}], \"z\":0, \"neg0\":-0} ");
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(m.get("s")).isEqualTo("a\"b\\c/d\n\t\u00e9\uD83D\uDE00");
        assertThat(m.get("i")).isEqualTo(-12L);
        assertThat(m.get("big")).isEqualTo(new BigDecimal("123456789012345678901"));
        assertThat(m.get("f")).isEqualTo(new BigDecimal("1.5e3"));
        assertThat(m.get("t")).isEqualTo(true);
        assertThat(m.containsKey("n")).isTrue();
        assertThat(m.get("n")).isNull();
        assertThat(m.get("a")).isEqualTo(List.of(1L, List.of(), Map.of()));
        assertThat(m.get("z")).isEqualTo(0L);
        assertThat(m.keySet().stream().map(String::valueOf).toList()).containsExactly("s", "i", "big", "f", "t", "n", "a", "z", "neg0");
        assertThat(JsonReader.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(JsonReader.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonReader.parse("\"\"")).isEqualTo("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{a:1}", "{'a':1}", "01", "-", "1.", ".5", "1e",
            "+1", "NaN", "Infinity", "tru", "nul", "\"abc", "\"a\tb\"", "\"\\x\"", "\"\\u12\"", "\"\\ud83d\"",
            "\"\\ude00\"", "{\"a\":1}x", "[1 2]", "{\"a\" 1}", "{\"a\":1,\"a\":2}", "// c\n1", "[1]]", "\u00a01"})
    void refusesMalformedJson(String text) {
        assertThatThrownBy(() -> JsonReader.parse(text)).isInstanceOf(JsonException.class)
                .hasMessageStartingWith("invalid JSON at offset ");
    }

    @Test
    void refusesDeepNesting() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThatThrownBy(() -> JsonReader.parse(deep)).hasMessageContaining("nested deeper");
        assertThat(JsonReader.parse("[".repeat(60) + "]".repeat(60))).isInstanceOf(List.class);
    }

    @Test
    void writesAndReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "quote\" backslash\\ newline\n tab\t nul\u0000 bell\u0007 ls\u2028 é 😀");
        m.put("long", Long.MIN_VALUE);
        m.put("int", 7);
        m.put("decimal", new BigDecimal("2.50"));
        m.put("yes", true);
        m.put("nothing", null);
        m.put("list", List.of("a", 1L, List.of()));
        m.put("empty", Map.of());
        String compact = JsonWriter.write(m);
        assertThat(compact).doesNotContain("\n").contains("\\u0000").contains("\\u0007").contains("\\u2028")
                .startsWith("{\"text\":");
        Map<?, ?> back = (Map<?, ?>) JsonReader.parse(compact);
        assertThat(back.get("text")).isEqualTo(m.get("text"));
        assertThat(back.get("long")).isEqualTo(Long.MIN_VALUE);
        assertThat(back.get("int")).isEqualTo(7L);
        assertThat(back.get("decimal")).isEqualTo(new BigDecimal("2.50"));
        assertThat(back.get("list")).isEqualTo(List.of("a", 1L, List.of()));
        assertThat(JsonReader.parse(JsonWriter.writePretty(m))).isEqualTo(back);
        assertThat(JsonWriter.writePretty(Map.of("a", List.of(1L)))).isEqualTo("{\n  \"a\": [\n    1\n  ]\n}");
    }

    @Test
    void refusesValuesThatWouldNotRoundTrip() {
        assertThatThrownBy(() -> JsonWriter.write(1.5d)).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> JsonWriter.write(new Object())).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> JsonWriter.write(Map.of(1, "x"))).isInstanceOf(JsonException.class);
    }

    @Test
    void typedAccessExplainsWrongShapes() {
        JsonObject o = JsonObject.parse("{\"s\":\"x\",\"n\":5,\"b\":true,\"l\":[\"a\"],\"bad\":[1],\"nul\":null}");
        assertThat(o.string("s")).isEqualTo("x");
        assertThat(o.longValue("n")).isEqualTo(5);
        assertThat(o.bool("b", false)).isTrue();
        assertThat(o.bool("absent", true)).isTrue();
        assertThat(o.stringList("l")).containsExactly("a");
        assertThat(o.optionalString("nul")).isEmpty();
        assertThatThrownBy(() -> o.string("n")).hasMessage("field \"n\" must be a string");
        assertThatThrownBy(() -> o.string("missing")).hasMessage("missing field \"missing\"");
        assertThatThrownBy(() -> o.longValue("s")).hasMessage("field \"s\" must be a number");
        assertThatThrownBy(() -> o.stringList("bad")).hasMessage("field \"bad\" must be an array of strings");
        assertThatThrownBy(() -> JsonObject.parse("{\"x\":1.5}").longValue("x"))
                .hasMessageContaining("whole number");
    }
}
