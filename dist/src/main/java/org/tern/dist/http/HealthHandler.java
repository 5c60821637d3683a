package org.tern.dist.http;

import java.io.IOException;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** {@code GET /health}: 200 with a small JSON status when everything is up, 503 (same JSON) otherwise. */
public final class HealthHandler implements HttpHandler {

    private final Supplier<HealthReport> health;

    public HealthHandler(Supplier<HealthReport> health) {
        this.health = health;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Responses.acceptGet(exchange, "/health")) {
            return;
        }
        HealthReport report = health.get();
        Responses.send(exchange, report.isUp() ? 200 : 503, "application/json", report.toJson() + "\n");
    }
}
