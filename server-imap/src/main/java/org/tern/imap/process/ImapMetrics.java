package org.tern.imap.process;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code tern_commands_total{protocol="imap",verb}} over a fixed set of verbs (others count as UNKNOWN). */
public final class ImapMetrics {

    private final Map<String, Counter> counters = new HashMap<>();
    private final Counter unknown;

    public ImapMetrics(MeterRegistry registry, Collection<String> verbs) {
        for (String verb : verbs) {
            counters.put(verb, counter(registry, verb));
        }
        unknown = counter(registry, "UNKNOWN");
    }

    private static Counter counter(MeterRegistry registry, String verb) {
        return Counter.builder("tern_commands").description("Commands received")
                .tag("protocol", "imap").tag("verb", verb.replace(' ', '_')).register(registry);
    }

    public void count(String verb) {
        counters.getOrDefault(verb, unknown).increment();
    }
}
