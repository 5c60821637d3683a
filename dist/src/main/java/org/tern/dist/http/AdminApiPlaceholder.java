package org.tern.dist.http;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Answers {@code /api/} until the admin-cli module's {@code org.tern.admin.api.AdminApiHandler} is on main;
 * {@code TernServer#adminApi} is the one place that chooses the handler.
 */
public final class AdminApiPlaceholder implements HttpHandler {

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Responses.send(exchange, 503, "application/json", "{\"error\":\"the admin API is not part of this build\"}\n");
    }
}
