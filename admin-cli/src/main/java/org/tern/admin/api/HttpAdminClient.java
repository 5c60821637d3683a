package org.tern.admin.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.tern.admin.json.JsonException;
import org.tern.admin.json.JsonObject;
import org.tern.admin.json.JsonReader;
import org.tern.admin.json.JsonWriter;
import org.tern.admin.service.AdminException;
import org.tern.admin.service.AdminService;
import org.tern.admin.service.AliasInfo;
import org.tern.admin.service.DomainInfo;
import org.tern.admin.service.MailboxInfo;
import org.tern.admin.service.QueueEntryInfo;
import org.tern.admin.service.ServerStatus;
import org.tern.admin.service.UserInfo;
import org.tern.admin.service.VersionInfo;

/** {@link AdminService} over the admin API of a running server (JSON over HTTP, Bearer token). */
public final class HttpAdminClient implements AdminService {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String base;
    private final String token;
    private final HttpClient http;

    /** {@code serverUrl} like {@code http://127.0.0.1:8080} (a trailing {@code /} or {@code /api} is ignored). */
    public HttpAdminClient(String serverUrl, String token) {
        this(serverUrl, token, HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    public HttpAdminClient(String serverUrl, String token, HttpClient http) {
        this.base = apiBase(serverUrl);
        this.token = token;
        this.http = http;
    }

    private static String apiBase(String serverUrl) {
        URI uri;
        try {
            uri = URI.create(serverUrl.strip());
        } catch (IllegalArgumentException e) {
            throw AdminException.badInput("invalid server URL '" + serverUrl + "'");
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw AdminException.badInput("invalid server URL '" + serverUrl
                    + "': expected http://host:port or https://host:port");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("/api")) {
            s = s.substring(0, s.length() - 4);
        }
        return s + "/api/";
    }

    // ---- domains

    @Override
    public List<DomainInfo> domains() {
        return list(send("GET", "domains", null), AdminJson::domain);
    }

    @Override
    public DomainInfo addDomain(String name) {
        return AdminJson.domain(object(send("POST", "domains", body("name", name))));
    }

    @Override
    public void removeDomain(String name) {
        send("DELETE", "domains/" + PathCodec.encode(name), null);
    }

    // ---- users

    @Override
    public List<UserInfo> users() {
        return list(send("GET", "users", null), AdminJson::user);
    }

    @Override
    public List<UserInfo> usersInDomain(String domain) {
        return list(send("GET", "users?domain=" + PathCodec.encode(domain), null), AdminJson::user);
    }

    @Override
    public UserInfo user(String address) {
        return AdminJson.user(object(send("GET", userPath(address), null)));
    }

    private static String userPath(String address) {
        return "users/" + PathCodec.encode(address);
    }

    @Override
    public UserInfo addUser(String address, char[] password, long quotaBytes, boolean allowWeak) {
        Map<String, Object> b = body("address", address);
        b.put("password", new String(password));
        b.put("quotaBytes", quotaBytes == UserInfo.UNLIMITED ? null : quotaBytes);
        b.put("allowWeak", allowWeak);
        return AdminJson.user(object(send("POST", "users", b)));
    }

    @Override
    public void removeUser(String address, boolean keepMail) {
        send("DELETE", userPath(address) + (keepMail ? "?keepMail=true" : ""), null);
    }

    @Override
    public void setPassword(String address, char[] password, boolean allowWeak) {
        Map<String, Object> b = body("password", new String(password));
        b.put("allowWeak", allowWeak);
        send("POST", userPath(address) + "/password", b);
    }

    @Override
    public UserInfo setDisabled(String address, boolean disabled) {
        String path = userPath(address) + (disabled ? "/disable" : "/enable");
        return AdminJson.user(object(send("POST", path, new LinkedHashMap<>())));
    }

    @Override
    public UserInfo setQuota(String address, long quotaBytes) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("quotaBytes", quotaBytes == UserInfo.UNLIMITED ? null : quotaBytes);
        return AdminJson.user(object(send("POST", userPath(address) + "/quota", b)));
    }

    // ---- aliases

    @Override
    public List<AliasInfo> aliases() {
        return list(send("GET", "aliases", null), AdminJson::alias);
    }

    @Override
    public AliasInfo addAlias(String source, List<String> targets) {
        Map<String, Object> b = body("source", source);
        b.put("targets", targets);
        return AdminJson.alias(object(send("POST", "aliases", b)));
    }

    @Override
    public void removeAlias(String source) {
        send("DELETE", "aliases/" + PathCodec.encode(source), null);
    }

    // ---- mailboxes

    @Override
    public List<MailboxInfo> mailboxes(String address) {
        return list(send("GET", userPath(address) + "/mailboxes", null), AdminJson::mailbox);
    }

    @Override
    public MailboxInfo createMailbox(String address, String name) {
        return AdminJson.mailbox(object(send("POST", userPath(address) + "/mailboxes", body("name", name))));
    }

    @Override
    public void renameMailbox(String address, String name, String newName) {
        send("POST", mailboxPath(address, name) + "/rename", body("newName", newName));
    }

    @Override
    public void removeMailbox(String address, String name) {
        send("DELETE", mailboxPath(address, name), null);
    }

    private static String mailboxPath(String address, String name) {
        if (name.isEmpty()) {
            throw AdminException.badInput("empty mailbox name");
        }
        return userPath(address) + "/mailboxes/" + PathCodec.encode(name);
    }

    // ---- queue

    @Override
    public List<QueueEntryInfo> queue() {
        return list(send("GET", "queue", null), AdminJson::queueEntry);
    }

    @Override
    public QueueEntryInfo queueEntry(long id) {
        return AdminJson.queueEntry(object(send("GET", "queue/" + id, null)));
    }

    @Override
    public void retryQueueEntry(long id) {
        send("POST", "queue/" + id + "/retry", new LinkedHashMap<>());
    }

    @Override
    public int retryAllQueueEntries() {
        return Math.toIntExact(object(send("POST", "queue/retry-all", new LinkedHashMap<>())).longValue("retried"));
    }

    @Override
    public void removeQueueEntry(long id) {
        send("DELETE", "queue/" + id, null);
    }

    // ---- status

    @Override
    public ServerStatus status() {
        return AdminJson.status(object(send("GET", "status", null)));
    }

    @Override
    public VersionInfo version() {
        return AdminJson.version(object(send("GET", "version", null)));
    }

    // ---- transport

    private static Map<String, Object> body(String field, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(field, value);
        return m;
    }

    /** Sends one request; returns the parsed JSON body (null for 204) or throws the server's error. */
    private Object send(String method, String path, Map<String, Object> body) {
        String url = base + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json; charset=utf-8");
            request.method(method, HttpRequest.BodyPublishers.ofString(JsonWriter.write(body), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = exchange(request.build());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return status == 204 || response.body().isBlank() ? null : parse(response.body(), status);
        }
        throw error(status, response.body());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        String server = base.substring(0, base.length() - "/api/".length());
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unavailable("cannot reach the Tern server at " + server + ": connection timed out", e);
        } catch (HttpTimeoutException e) {
            throw unavailable("the Tern server at " + server + " did not answer within "
                    + REQUEST_TIMEOUT.getSeconds() + "s", e);
        } catch (ConnectException e) {
            throw unavailable("cannot reach the Tern server at " + server + ": connection refused", e);
        } catch (IOException e) {
            throw unavailable("cannot reach the Tern server at " + server + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for the Tern server", e);
        }
    }

    private static AdminException unavailable(String message, Exception cause) {
        return new AdminException(AdminException.Kind.UNAVAILABLE, message, cause);
    }

    private static AdminException error(int status, String body) {
        if (status == 401) {
            return new AdminException(AdminException.Kind.UNAUTHORIZED,
                    "the server refused the admin token (check --token-file or <data>/admin.token)");
        }
        String message = "server answered HTTP " + status;
        try {
            message = JsonObject.parse(body).optionalString("error").orElse(message);
        } catch (JsonException notJson) {
            // keep the status line: the body was not ours (a proxy?)
        }
        return new AdminException(AdminException.Kind.forHttpStatus(status), message);
    }

    private static Object parse(String body, int status) {
        try {
            return JsonReader.parse(body);
        } catch (JsonException e) {
            throw new AdminException(AdminException.Kind.INTERNAL,
                    "the server's answer (HTTP " + status + ") is not valid JSON: " + e.getMessage());
        }
    }

    private static JsonObject object(Object parsed) {
        try {
            return JsonObject.of(parsed);
        } catch (JsonException e) {
            throw new AdminException(AdminException.Kind.INTERNAL, "unexpected answer from the server: "
                    + e.getMessage());
        }
    }

    private static <T> List<T> list(Object parsed, Function<JsonObject, T> mapper) {
        if (!(parsed instanceof List<?> items)) {
            throw new AdminException(AdminException.Kind.INTERNAL, "unexpected answer from the server:"
                    + " expected a JSON array");
        }
        try {
            return items.stream().map(JsonObject::of).map(mapper).toList();
        } catch (JsonException e) {
            throw new AdminException(AdminException.Kind.INTERNAL, "unexpected answer from the server: "
                    + e.getMessage());
        }
    }
}
