package org.tern.core.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The validated configuration: defaults, then the file, then {@code --set} overrides. Parsed once at
 * start-up; an unknown key or a bad value fails with a {@link ConfigException} naming the key.
 */
public final class TernConfig {

    private final Map<String, String> values;

    private TernConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Builds a config from layers applied in order (later wins); validates every value. */
    @SafeVarargs
    public static TernConfig of(Map<String, String>... layers) {
        Map<String, ConfigKey> known = ConfigKeys.byName();
        Map<String, String> merged = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKeys.ALL) {
            merged.put(k.name(), k.defaultValue());
        }
        for (Map<String, String> layer : layers) {
            for (Map.Entry<String, String> e : layer.entrySet()) {
                String key = e.getKey().trim();
                if (!known.containsKey(key)) {
                    throw new ConfigException("unknown configuration key '" + key + "'");
                }
                merged.put(key, e.getValue() == null ? "" : e.getValue().trim());
            }
        }
        TernConfig config = new TernConfig(merged);
        for (ConfigKey k : ConfigKeys.ALL) {
            config.validate(k);
        }
        return config;
    }

    /** Reads a Java properties file (UTF-8). */
    public static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            m.put(name, p.getProperty(name));
        }
        return m;
    }

    /** Parses a {@code key=value} from {@code --set}. */
    public static Map.Entry<String, String> parseAssignment(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set expects key=value, got '" + assignment + "'");
        }
        return Map.entry(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
    }

    private void validate(ConfigKey key) {
        String v = values.get(key.name());
        try {
            switch (key.type()) {
                case LISTEN -> parseListen(v);
                case BYTES -> parseBytes(v);
                case DURATION -> parseDuration(v);
                case BOOLEAN -> parseBoolean(v);
                case INTEGER -> parseInt(v);
                case HOST_LIST -> parseHostList(v);
                case PATH -> {
                    if (key.name().equals("data.dir") && v.isEmpty()) {
                        throw new IllegalArgumentException("must not be empty");
                    }
                }
                case STRING -> {
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid value for '" + key.name() + "': '" + v + "' (" + e.getMessage() + ")");
        }
    }

    /** The raw value of a key. */
    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new ConfigException("unknown configuration key '" + key + "'");
        }
        return v;
    }

    /** Every key and its effective value. */
    public Map<String, String> asMap() {
        return values;
    }

    public Path dataDir() {
        return Path.of(get("data.dir"));
    }

    /** The configured host name, or the machine's (read without DNS). */
    public String hostname() {
        String h = get("hostname");
        if (!h.isEmpty()) {
            return h;
        }
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: fall through
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "localhost" : env.trim();
    }

    /** A listener's address, or empty when the key's value is empty (listener disabled). */
    public Optional<InetSocketAddress> listen(String key) {
        return parseListen(get(key));
    }

    public Optional<Path> path(String key) {
        String v = get(key);
        return v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v));
    }

    public long bytes(String key) {
        return parseBytes(get(key));
    }

    public Duration duration(String key) {
        return parseDuration(get(key));
    }

    public boolean bool(String key) {
        return parseBoolean(get(key));
    }

    public int integer(String key) {
        return parseInt(get(key));
    }

    /** A list of {@code host} or {@code host:port} entries. */
    public List<String> hostList(String key) {
        return parseHostList(get(key));
    }

    public long messageMaxBytes() {
        return bytes("message.max-bytes");
    }

    static Optional<InetSocketAddress> parseListen(String v) {
        if (v.isEmpty()) {
            return Optional.empty();
        }
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new IllegalArgumentException("expected host:port");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = parsePort(v.substring(colon + 1));
        if (!host.matches("[0-9A-Za-z.:\\-]+")) {
            throw new IllegalArgumentException("expected host:port");
        }
        // Literal addresses and names are used as given; createUnresolved avoids a DNS lookup here.
        return Optional.of(InetSocketAddress.createUnresolved(host, port));
    }

    private static int parsePort(String s) {
        try {
            int port = Integer.parseInt(s);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number");
        }
    }

    static long parseBytes(String v) {
        String s = v.trim().toUpperCase(Locale.ROOT);
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        long mult = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> mult = 1L << 10;
                case 'M' -> mult = 1L << 20;
                case 'G' -> mult = 1L << 30;
                case 'T' -> mult = 1L << 40;
                default -> mult = 1;
            }
            if (mult != 1) {
                s = s.substring(0, s.length() - 1);
            }
        }
        try {
            long n = Long.parseLong(s.trim());
            if (n < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            return Math.multiplyExact(n, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("expected a size like 50M, 1G or 1048576");
        }
    }

    static Duration parseDuration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("expected a duration like 500ms, 30s, 5m, 1h");
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("expected a duration like 500ms, 30s, 5m, 1h");
        }
    }

    static boolean parseBoolean(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    static int parseInt(String v) {
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number");
        }
    }

    static List<String> parseHostList(String v) {
        List<String> out = new ArrayList<>();
        if (v.isBlank()) {
            return out;
        }
        for (String part : v.split(",")) {
            String p = part.trim();
            if (p.isEmpty() || !p.matches("[0-9A-Za-z.:\\[\\]\\-]+")) {
                throw new IllegalArgumentException("expected host or host:port, comma separated");
            }
            out.add(p);
        }
        return out;
    }
}
