package org.tern.admin.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.admin.json.JsonException;
import org.tern.admin.json.JsonObject;
import org.tern.admin.json.JsonWriter;
import org.tern.admin.service.AdminException;
import org.tern.admin.service.AdminService;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The admin API: JSON over HTTP under {@code /api/}, every request authorised by
 * {@code Authorization: Bearer <token>}. Routes are listed in docs/admin-cli.md. Errors are
 * {@code {"error": "..."}} with 400, 401, 404, 405, 409, 413, 500 or 503.
 */
public final class AdminApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApiHandler.class);
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final String token;
    private final AdminApiRoutes routes;

    public AdminApiHandler(AdminService service, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin API needs a non-empty token");
        }
        this.token = token.strip();
        this.routes = new AdminApiRoutes(service);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiResponse response = respond(exchange);
            if (!exchange.getRequestMethod().equals("GET") && response.status() != 401) {
                // one line per change an operator may need to trace later; bodies (passwords) never logged
                LOG.info("admin API {} {} status={} remote={}", exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), response.status(), remote(exchange));
            }
            send(exchange, response);
        } catch (IOException e) {
            LOG.debug("admin API client went away: {}", e.toString());
        }
    }

    private ApiResponse respond(HttpExchange exchange) {
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            LOG.warn("admin API refused a request without a valid token: {} {} remote={}",
                    exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), remote(exchange));
            return ApiResponse.error(401, "missing or wrong admin token (Authorization: Bearer <token>)");
        }
        try {
            ApiRequest request = request(exchange);
            return routes.dispatch(request);
        } catch (AdminException e) {
            return ApiResponse.error(e.kind().httpStatus(), e.getMessage());
        } catch (JsonException e) {
            return ApiResponse.error(400, e.getMessage());
        } catch (BodyTooLargeException e) {
            return ApiResponse.error(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
        } catch (IOException e) {
            return ApiResponse.error(400, "could not read the request: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("admin API request failed: {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
            return ApiResponse.error(500, "internal error: " + e);
        }
    }

    private static String remote(HttpExchange exchange) {
        var address = exchange.getRemoteAddress();
        return address == null || address.getAddress() == null ? "?" : address.getAddress().getHostAddress();
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return AdminToken.matches(token, header.substring(7).strip());
    }

    private ApiRequest request(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String prefix = exchange.getHttpContext().getPath();
        String relative = rawPath.startsWith(prefix) ? rawPath.substring(prefix.length()) : rawPath;
        List<String> segments = PathCodec.segments(relative);
        Map<String, String> query = PathCodec.query(exchange.getRequestURI().getRawQuery());
        String body = readBody(exchange.getRequestBody());
        return new ApiRequest(exchange.getRequestMethod(), segments, query, body);
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BodyTooLargeException();
        }
        return Utf8.decodeStrict(bytes, "request body");
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", "no-store");
        if (response.status() == 401) {
            headers.set("WWW-Authenticate", "Bearer realm=\"tern\"");
        }
        if (response.status() == 405) {
            headers.set("Allow", response.allow());
        }
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = (JsonWriter.write(response.body()) + "\n").getBytes(StandardCharsets.UTF_8);
        headers.set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A parsed request: method, decoded path segments after the mount point, query and body text. */
    record ApiRequest(String method, List<String> segments, Map<String, String> query, String body) {

        JsonObject json() {
            if (body.isBlank()) {
                throw new JsonException("a JSON object body is required");
            }
            return JsonObject.parse(body);
        }

        String segment(int i) {
            return segments.get(i);
        }

        boolean flag(String name) {
            String v = query.get(name);
            if (v == null || v.equalsIgnoreCase("false")) {
                return false;
            }
            if (v.isEmpty() || v.equalsIgnoreCase("true")) {
                return true;
            }
            throw AdminException.badInput("query parameter " + name + " must be true or false");
        }
    }

    /** A status and a JSON body (null for 204), plus the Allow header for 405. */
    record ApiResponse(int status, Object body, String allow) {

        static ApiResponse ok(Object body) {
            return new ApiResponse(200, body, "");
        }

        static ApiResponse created(Object body) {
            return new ApiResponse(201, body, "");
        }

        static ApiResponse noContent() {
            return new ApiResponse(204, null, "");
        }

        static ApiResponse error(int status, String message) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", message);
            return new ApiResponse(status, m, "");
        }

        static ApiResponse methodNotAllowed(String... allowed) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", "method not allowed here; use " + String.join(" or ", Arrays.asList(allowed)));
            return new ApiResponse(405, m, String.join(", ", allowed));
        }
    }

    private static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super(null, null, false, false);
        }
    }
}
