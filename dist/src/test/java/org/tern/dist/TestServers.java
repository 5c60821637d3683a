package org.tern.dist;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tern.core.config.TernConfig;

/** Config for a server on ephemeral loopback ports in a temporary data folder, and a small HTTP client. */
final class TestServers {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServers() {
    }

    /** Every listener on 127.0.0.1 port 0, HTTP too. */
    static Map<String, String> ephemeral(Path dataDir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data.dir", dataDir.toString());
        m.put("hostname", "localhost");
        for (String name : ProtocolServices.LISTENERS) {
            m.put(name + ".listen", "127.0.0.1:0");
        }
        m.put("http.listen", "127.0.0.1:0");
        m.put("executor.threads", "8");
        return m;
    }

    static HttpResponse<String> getWithToken(String url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
