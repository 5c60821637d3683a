package org.tern.core.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tern.core.config.ConfigException;
import org.tern.core.config.TernConfig;
import org.tern.core.net.ListenerSpec.TlsMode;

/** Builds the listener specs (name, address, TLS mode, idle timeout, line limit) from the config. */
public final class ListenerSpecs {

    /** Listener name -> (TLS mode, key prefix of its idle timeout), in start-up order. */
    private static final Map<String, Kind> KINDS = Map.of(
            "smtp", new Kind(TlsMode.STARTTLS, "smtp"),
            "submission", new Kind(TlsMode.STARTTLS, "smtp"),
            "smtps", new Kind(TlsMode.IMPLICIT, "smtp"),
            "imap", new Kind(TlsMode.STARTTLS, "imap"),
            "imaps", new Kind(TlsMode.IMPLICIT, "imap"),
            "pop3", new Kind(TlsMode.STARTTLS, "pop3"),
            "pop3s", new Kind(TlsMode.IMPLICIT, "pop3"));

    /** The names of all protocol listeners, in start-up order. */
    public static final List<String> NAMES = List.of("smtp", "submission", "smtps", "imap", "imaps", "pop3", "pop3s");

    private record Kind(TlsMode tls, String protocol) {
    }

    private ListenerSpecs() {
    }

    /** The enabled listeners among smtp, submission, smtps, imap, imaps, pop3, pop3s (not http). */
    public static List<ListenerSpec> fromConfig(TernConfig config) {
        List<ListenerSpec> specs = new ArrayList<>();
        for (String name : NAMES) {
            if (config.listen(name + ".listen").isPresent()) {
                specs.add(forName(config, name));
            }
        }
        return specs;
    }

    /** The spec of one named listener, e.g. for tests that bind port 0. */
    public static ListenerSpec forName(TernConfig config, String name) {
        Kind kind = KINDS.get(name);
        if (kind == null) {
            throw new ConfigException("unknown listener '" + name + "' (expected one of " + NAMES + ")");
        }
        InetSocketAddress address = config.listen(name + ".listen")
                .orElseThrow(() -> new ConfigException("listener '" + name + "' is disabled ('" + name + ".listen' is empty)"));
        Duration idle = config.duration(kind.protocol() + ".idle-timeout");
        long lineBytes = config.bytes("limits.line-bytes");
        if (lineBytes < 512 || lineBytes > Integer.MAX_VALUE - 8) {
            // RFC 5321 §4.5.3.1.4: a command line is at least 512 octets.
            throw new ConfigException("invalid value for 'limits.line-bytes': must be between 512 and 2G");
        }
        return new ListenerSpec(name, address, kind.tls(), idle, (int) lineBytes);
    }

    /** The same spec on another address (e.g. 127.0.0.1 port 0 in tests). */
    public static ListenerSpec withAddress(ListenerSpec spec, InetSocketAddress address) {
        return new ListenerSpec(spec.name(), address, spec.tls(), spec.idleTimeout(), spec.maxLineLength());
    }
}
