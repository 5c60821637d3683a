package org.tern.dist.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.tern.core.net.ListenerStartException;

/** The HTTP listener ({@code http.listen}): {@code /health}, {@code /metrics} and the admin API under {@code /api/}. */
public final class HttpEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final InFlightFilter inFlight;
    private final Duration grace;

    private HttpEndpoint(HttpServer server, InFlightFilter inFlight, Duration grace) {
        this.server = server;
        this.inFlight = inFlight;
        this.grace = grace;
    }

    /**
     * Binds and starts serving on {@code executor}. A bind failure becomes a {@link ListenerStartException}
     * naming the {@code http} listener and the address.
     */
    public static HttpEndpoint start(InetSocketAddress address, ExecutorService executor, Duration grace,
                                     HttpHandler health, HttpHandler metrics, HttpHandler adminApi) {
        HttpServer server;
        try {
            server = HttpServer.create(resolved(address), 0);
        } catch (IOException e) {
            throw new ListenerStartException("cannot listen for http on " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
        InFlightFilter inFlight = new InFlightFilter();
        server.createContext("/health", health).getFilters().add(inFlight);
        server.createContext("/metrics", metrics).getFilters().add(inFlight);
        server.createContext("/api/", adminApi).getFilters().add(inFlight);
        server.createContext("/", new NotFoundHandler());
        server.setExecutor(executor);
        server.start();
        return new HttpEndpoint(server, inFlight, grace);
    }

    /** The address actually bound (the real port when port 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Waits up to the grace period for exchanges in progress, then stops. */
    @Override
    public void close() {
        // HttpServer.stop(delay) on Java 17 always waits the whole delay (JDK-8304065), so drain ourselves.
        inFlight.awaitIdle(grace);
        server.stop(0);
    }

    private static InetSocketAddress resolved(InetSocketAddress address) {
        // The config keeps addresses unresolved; a literal IP or /etc/hosts name resolves without DNS traffic.
        return address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
    }

    private static final class NotFoundHandler implements HttpHandler {
        @Override
        public void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
            Responses.send(exchange, 404, "application/json", "{\"error\":\"not found\"}\n");
        }
    }
}
