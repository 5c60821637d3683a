package org.tern.pop3.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code tern_commands_total{protocol="pop3",verb}} with a fixed set of verbs (others count as UNKNOWN). */
public final class Pop3Metrics {

    public static final List<String> VERBS = List.of("USER", "PASS", "APOP", "AUTH", "STLS", "CAPA", "STAT", "LIST",
            "RETR", "DELE", "NOOP", "RSET", "QUIT", "TOP", "UIDL", "UNKNOWN");

    private final Map<String, Counter> counters = new HashMap<>();

    public Pop3Metrics(MeterRegistry registry) {
        for (String verb : VERBS) {
            counters.put(verb, Counter.builder("tern_commands")
                    .description("Commands received")
                    .tag("protocol", "pop3").tag("verb", verb)
                    .register(registry));
        }
    }

    public void command(String verb) {
        Counter c = counters.get(verb);
        (c != null ? c : counters.get("UNKNOWN")).increment();
    }
}
