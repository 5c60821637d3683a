package org.tern.dist.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tern.dist.http.Json;

/**
 * {@code <data.dir>/run/server.json}: how the admin CLI finds a running server ({@code pid}, admin {@code url},
 * {@code started}). Written once everything is up, removed on clean shutdown; a stale file (pid gone) is ignored
 * by readers.
 */
public final class ServerInfoFile {

    private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");

    private final Path file;

    public ServerInfoFile(Path dataDir) {
        this.file = dataDir.resolve("run").resolve("server.json");
    }

    public Path path() {
        return file;
    }

    /** Writes the file atomically; {@code url} is empty when HTTP is disabled. */
    public void write(long pid, Optional<String> url, Instant started) {
        String json = "{\"pid\":" + pid
                + ",\"url\":" + url.map(Json::quote).orElse("null")
                + ",\"started\":" + Json.quote(started.toString()) + "}\n";
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("server.json.tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The pid of another live process that wrote this file (a server running on the same data folder). */
    public Optional<Long> otherLivePid() {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        Matcher m = PID.matcher(json);
        if (!m.find()) {
            return Optional.empty();
        }
        long pid = Long.parseLong(m.group(1));
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return alive && pid != ProcessHandle.current().pid() ? Optional.of(pid) : Optional.empty();
    }

    /** Removes the file if present. */
    public void remove() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
