package org.tern.admin.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.tern.admin.json.JsonException;
import org.tern.admin.json.JsonObject;
import org.tern.admin.json.JsonWriter;

/**
 * {@code <data>/run/server.json}: how the CLI finds a running server. Written by {@code tern serve} after the
 * HTTP listener is bound, removed on clean shutdown; ignored when its pid is gone.
 * Format: {@code {"pid":123,"url":"http://127.0.0.1:8080","started":"2026-01-01T00:00:00Z"}}; {@code url} is
 * {@code null} (here: empty) when the server runs without its HTTP listener.
 */
public record ServerInfoFile(long pid, String url, String started) {

    public static Path path(Path dataDir) {
        return dataDir.resolve("run").resolve("server.json");
    }

    /** The file's content, or empty if there is none or it cannot be parsed (treated as no server). */
    public static Optional<ServerInfoFile> read(Path dataDir) {
        Path file = path(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonObject o = JsonObject.parse(Files.readString(file, StandardCharsets.UTF_8));
            // url is null when the server runs without HTTP (http.listen empty)
            return Optional.of(new ServerInfoFile(o.longValue("pid"), o.optionalString("url").orElse(""),
                    o.optionalString("started").orElse("")));
        } catch (IOException | JsonException e) {
            return Optional.empty();
        }
    }

    /** True while the process that wrote the file is alive. */
    public boolean processAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Writes the file for this process (atomically), as {@code tern serve} does; tests use it to stand in for a server. */
    public static void writeForCurrentProcess(Path dataDir, String url, Instant started) throws IOException {
        Path file = path(dataDir);
        Files.createDirectories(file.getParent());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", ProcessHandle.current().pid());
        m.put("url", url);
        m.put("started", started.toString());
        Path tmp = Files.createTempFile(file.getParent(), ".server", ".json");
        try {
            Files.writeString(tmp, JsonWriter.write(m) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
