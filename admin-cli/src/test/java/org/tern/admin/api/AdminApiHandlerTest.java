package org.tern.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.admin.json.JsonObject;
import org.tern.admin.json.JsonReader;
import org.tern.admin.service.LocalAdminService;
import org.tern.admin.testing.TestStores;
import org.tern.store.MailStore;

import com.sun.net.httpserver.HttpServer;

/** The admin API over HTTP with a real client: authorisation, routes, status codes, error bodies. */
class AdminApiHandlerTest {

    private static final String TOKEN = "s3cret-token-for-tests";

    @TempDir
    Path temp;

    private MailStore store;
    private HttpServer server;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        store = TestStores.open(temp.resolve("data"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", new AdminApiHandler(new LocalAdminService(store), TOKEN));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        store.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return send(method, path, body, "Bearer " + TOKEN);
    }

    private static String error(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return JsonObject.parse(r.body()).string("error");
    }

    @Test
    void missingOrWrongTokenIs401AndChangesNothing() throws Exception {
        for (String auth : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x", "Basic " + TOKEN, TOKEN,
                "Bearer", "Bearer " + TOKEN.substring(1)}) {
            HttpResponse<String> r = send("POST", "/api/domains", "{\"name\":\"example.org\"}", auth);
            assertThat(r.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"tern\"");
            assertThat(error(r)).contains("admin token");
        }
        assertThat(send("GET", "/api/status", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/no-such-thing", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/domains", null).body().strip()).isEqualTo("[]");
        assertThat(store.directory().domains()).isEmpty();
    }

    @Test
    void bearerSchemeIsCaseInsensitive() throws Exception {
        assertThat(send("GET", "/api/domains", null, "bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void createsAndListsWithStatusCodes() throws Exception {
        HttpResponse<String> created = call("POST", "/api/domains", "{\"name\":\"example.org\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JsonObject.parse(created.body()).string("name")).isEqualTo("example.org");
        assertThat(call("POST", "/api/domains", "{\"name\":\"example.org\"}").statusCode()).isEqualTo(409);

        HttpResponse<String> user = call("POST", "/api/users",
                "{\"address\":\"alice@example.org\",\"password\":\"long enough password\",\"quotaBytes\":1048576}");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        assertThat(JsonObject.parse(user.body()).longValue("quotaBytes")).isEqualTo(1048576L);
        assertThat(call("GET", "/api/users/alice%40example.org", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/users/bob@example.org", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/users?domain=example.org", null).body()).contains("alice@example.org");

        HttpResponse<String> notEmpty = call("DELETE", "/api/domains/example.org", null);
        assertThat(notEmpty.statusCode()).isEqualTo(409);
        assertThat(error(notEmpty)).contains("1 user");

        assertThat(call("POST", "/api/users/alice@example.org/quota", "{\"quotaBytes\":null}").body())
                .contains("\"quotaBytes\":null");
        assertThat(call("POST", "/api/users/alice@example.org/disable", "").body()).contains("\"disabled\":true");
        assertThat(call("POST", "/api/users/alice@example.org/password", "{\"password\":\"short\"}").statusCode())
                .isEqualTo(400);
        assertThat(call("DELETE", "/api/users/alice@example.org?keepMail=true", null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/api/domains/example.org", null).statusCode()).isEqualTo(204);
    }

    @Test
    void aliasLoopIs409() throws Exception {
        call("POST", "/api/domains", "{\"name\":\"example.org\"}");
        assertThat(call("POST", "/api/aliases", "{\"source\":\"a@example.org\",\"targets\":[\"b@example.org\"]}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> loop = call("POST", "/api/aliases",
                "{\"source\":\"b@example.org\",\"targets\":[\"a@example.org\"]}");
        assertThat(loop.statusCode()).isEqualTo(409);
        assertThat(error(loop)).contains("loop");
        assertThat(call("DELETE", "/api/aliases/b@example.org", null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/aliases/a@example.org", null).statusCode()).isEqualTo(204);
    }

    @Test
    void mailboxNamesWithSlashesAndSpacesTravelPercentEncoded() throws Exception {
        call("POST", "/api/domains", "{\"name\":\"example.org\"}");
        call("POST", "/api/users", "{\"address\":\"alice@example.org\",\"password\":\"long enough password\"}");
        assertThat(call("POST", "/api/users/alice@example.org/mailboxes", "{\"name\":\"Old Mail/2024+\"}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> rename = call("POST",
                "/api/users/alice@example.org/mailboxes/Old%20Mail%2F2024+/rename", "{\"newName\":\"Old Mail/2023\"}");
        assertThat(rename.statusCode()).as(rename.body()).isEqualTo(204);
        assertThat(call("GET", "/api/users/alice@example.org/mailboxes", null).body())
                .contains("\"Old Mail/2023\"").doesNotContain("2024+");
        assertThat(call("DELETE", "/api/users/alice@example.org/mailboxes/Old%20Mail%2F2023", null).statusCode())
                .isEqualTo(204);
        assertThat(call("DELETE", "/api/users/alice@example.org/mailboxes/INBOX", null).statusCode()).isEqualTo(409);
    }

    @Test
    void badRequestsGetJsonErrors() throws Exception {
        assertThat(call("POST", "/api/domains", "{\"name\":").statusCode()).isEqualTo(400);
        assertThat(error(call("POST", "/api/domains", "{\"name\":5}"))).contains("\"name\" must be a string");
        assertThat(error(call("POST", "/api/domains", ""))).contains("JSON object body is required");
        assertThat(error(call("POST", "/api/domains", "[]"))).contains("expected a JSON object");
        assertThat(call("POST", "/api/domains", "{\"name\":\"a b\"}").statusCode()).isEqualTo(400);
        assertThat(error(call("GET", "/api/queue/abc", null))).contains("invalid queue id 'abc'");
        assertThat(call("GET", "/api/queue/42", null).statusCode()).isEqualTo(404);

        HttpResponse<String> unknown = call("GET", "/api/nothing/here", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown)).contains("no such API endpoint");

        HttpResponse<String> method = call("PUT", "/api/domains", "{}");
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(call("GET", "/api/queue/retry-all", null).statusCode()).isEqualTo(405);

        String huge = "{\"name\":\"" + "a".repeat(70_000) + "\"}";
        assertThat(call("POST", "/api/domains", huge).statusCode()).isEqualTo(413);
        assertThat(store.directory().domains()).isEmpty();
    }

    @Test
    void statusAndVersion() throws Exception {
        Object status = JsonReader.parse(call("GET", "/api/status", null).body());
        assertThat(status).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) status;
        assertThat(m.get("running")).isEqualTo(false);
        assertThat(m.get("listeners")).isEqualTo(List.of());
        assertThat(JsonObject.parse(call("GET", "/api/version", null).body()).string("java"))
                .isEqualTo(Runtime.version().toString());
    }

    @Test
    void refusesAnEmptyToken() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AdminApiHandler(new LocalAdminService(store), " "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
