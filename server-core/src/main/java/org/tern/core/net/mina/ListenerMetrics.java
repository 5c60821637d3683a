package org.tern.core.net.mina;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per-listener meters: {@code tern_connections_active}, {@code tern_sessions_total},
 * {@code tern_tls_handshakes_total{result}} and {@code tern_connections_refused_total{reason}}.
 */
final class ListenerMetrics {

    private final AtomicInteger active = new AtomicInteger();
    private final Counter sessions;
    private final Counter tlsOk;
    private final Counter tlsFailed;
    private final Counter refusedPerIp;

    ListenerMetrics(MeterRegistry registry, String listener) {
        Gauge.builder("tern.connections.active", active, AtomicInteger::get)
                .tag("listener", listener).description("Open connections").strongReference(true).register(registry);
        sessions = Counter.builder("tern.sessions").tag("listener", listener)
                .description("Accepted sessions").register(registry);
        tlsOk = Counter.builder("tern.tls.handshakes").tag("listener", listener).tag("result", "ok")
                .description("TLS handshakes").register(registry);
        tlsFailed = Counter.builder("tern.tls.handshakes").tag("listener", listener).tag("result", "failed")
                .description("TLS handshakes").register(registry);
        refusedPerIp = Counter.builder("tern.connections.refused").tag("listener", listener).tag("reason", "per-ip-limit")
                .description("Connections closed at once because of a limit").register(registry);
    }

    void opened() {
        active.incrementAndGet();
        sessions.increment();
    }

    void closed() {
        active.decrementAndGet();
    }

    void tlsHandshake(boolean ok) {
        (ok ? tlsOk : tlsFailed).increment();
    }

    void refusedPerIp() {
        refusedPerIp.increment();
    }
}
