package org.tern.dist.http;

import java.io.IOException;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: Prometheus text format, or OpenMetrics when the scraper's Accept header asks for it. */
public final class MetricsHandler implements HttpHandler {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsHandler(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Responses.acceptGet(exchange, "/metrics")) {
            return;
        }
        String contentType = negotiate(exchange.getRequestHeaders().getFirst("Accept"));
        Responses.send(exchange, 200, contentType, registry.scrape(contentType));
    }

    /** OpenMetrics only when asked for explicitly (Prometheus sends it first in its Accept header). */
    static String negotiate(String accept) {
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")) {
            return OPENMETRICS_TEXT;
        }
        return PROMETHEUS_TEXT;
    }
}
