package org.tern.core.net;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import org.tern.core.config.TernConfig;
import org.tern.core.tls.TlsContextProvider;

/**
 * What every listener shares: config, TLS, metrics, the executor that runs protocol work (never the I/O
 * threads) and a scheduler for timers. Built once by the composition root.
 */
public record ServerContext(TernConfig config, TlsContextProvider tls, MeterRegistry registry,
                            ExecutorService executor, ScheduledExecutorService scheduler) {
}
