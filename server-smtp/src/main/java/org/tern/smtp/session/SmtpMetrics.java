package org.tern.smtp.session;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.tern.smtp.protocol.Verb;

/**
 * {@code tern_commands_total{protocol="smtp",verb}}, {@code tern_messages_received_total{listener}} and
 * {@code tern_smtp_delivery_seconds{listener}} (end of content to durable commit: what the client waits for).
 */
public final class SmtpMetrics {

    private final Map<Verb, Counter> commands = new EnumMap<>(Verb.class);
    private final Counter received;
    private final Timer delivery;

    public SmtpMetrics(MeterRegistry registry, String listener) {
        for (Verb v : Verb.values()) {
            commands.put(v, Counter.builder("tern_commands").description("Commands received")
                    .tag("protocol", "smtp").tag("verb", v.name()).register(registry));
        }
        received = Counter.builder("tern_messages_received").description("Messages accepted by SMTP")
                .tag("listener", listener).register(registry);
        delivery = Timer.builder("tern.smtp.delivery").description("Time from end of message content to durable store commit")
                .tag("listener", listener).register(registry);
    }

    public void deliveryTook(long nanos) {
        delivery.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void command(Verb verb) {
        commands.get(verb).increment();
    }

    public void messageReceived() {
        received.increment();
    }
}
