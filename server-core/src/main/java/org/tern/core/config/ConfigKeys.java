package org.tern.core.config;

import static org.tern.core.config.ConfigKey.ValueType.BOOLEAN;
import static org.tern.core.config.ConfigKey.ValueType.BYTES;
import static org.tern.core.config.ConfigKey.ValueType.DURATION;
import static org.tern.core.config.ConfigKey.ValueType.HOST_LIST;
import static org.tern.core.config.ConfigKey.ValueType.INTEGER;
import static org.tern.core.config.ConfigKey.ValueType.LISTEN;
import static org.tern.core.config.ConfigKey.ValueType.PATH;
import static org.tern.core.config.ConfigKey.ValueType.STRING;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every configuration key Tern knows, in the order tern.properties lists them. */
public final class ConfigKeys {

    public static final List<ConfigKey> ALL = List.of(
            new ConfigKey("data.dir", PATH, "/var/lib/tern", "Folder for the database, message bodies, TLS certificate and admin token."),
            new ConfigKey("hostname", STRING, "", "Name in greetings, Received headers and the self-signed certificate; empty = this machine's host name."),
            new ConfigKey("smtp.listen", LISTEN, "0.0.0.0:25", "Inbound SMTP (MX) for local recipients; empty disables."),
            new ConfigKey("submission.listen", LISTEN, "0.0.0.0:587", "Authenticated submission with STARTTLS; empty disables."),
            new ConfigKey("smtps.listen", LISTEN, "0.0.0.0:465", "Authenticated submission over implicit TLS; empty disables."),
            new ConfigKey("imap.listen", LISTEN, "0.0.0.0:143", "IMAP with STARTTLS; empty disables."),
            new ConfigKey("imaps.listen", LISTEN, "0.0.0.0:993", "IMAP over implicit TLS; empty disables."),
            new ConfigKey("pop3.listen", LISTEN, "0.0.0.0:110", "POP3 with STLS; empty disables."),
            new ConfigKey("pop3s.listen", LISTEN, "0.0.0.0:995", "POP3 over implicit TLS; empty disables."),
            new ConfigKey("http.listen", LISTEN, "127.0.0.1:8080", "HTTP for /health, /metrics and the admin API; empty disables."),
            new ConfigKey("tls.cert", PATH, "", "PEM certificate chain; empty = generate a self-signed certificate in the data folder on first start."),
            new ConfigKey("tls.key", PATH, "", "PEM private key (PKCS#8 or traditional RSA/EC) for tls.cert."),
            new ConfigKey("message.max-bytes", BYTES, "50M", "Largest message accepted by SMTP and IMAP APPEND."),
            new ConfigKey("auth.plaintext-on-loopback", BOOLEAN, "true", "Allow IMAP/POP3 plaintext logins before TLS from 127.0.0.1 and ::1."),
            new ConfigKey("auth.throttle.base-delay", DURATION, "1s", "Delay after the first failed login from an IP or for an account; doubles per failure."),
            new ConfigKey("auth.throttle.max-delay", DURATION, "15s", "Longest delay added after failed logins."),
            new ConfigKey("auth.ban.failures", INTEGER, "20", "Failed logins from one IP (within auth.ban.duration) before it is refused for a while; 0 disables. Never bans loopback."),
            new ConfigKey("auth.ban.duration", DURATION, "10m", "How long a banned IP is refused."),
            new ConfigKey("limits.connections-per-ip", INTEGER, "50", "Concurrent connections from one IP, per listener."),
            new ConfigKey("limits.line-bytes", BYTES, "8K", "Longest command line (SMTP, POP3, IMAP lines without literals)."),
            new ConfigKey("smtp.idle-timeout", DURATION, "5m", "SMTP idle timeout (RFC 5321 4.5.3.2 suggests 5 minutes)."),
            new ConfigKey("smtp.max-recipients", INTEGER, "100", "Recipients per SMTP transaction; more get 452 4.5.3."),
            new ConfigKey("imap.idle-timeout", DURATION, "30m", "IMAP autologout timer (RFC 3501 5.4: at least 30 minutes)."),
            new ConfigKey("pop3.idle-timeout", DURATION, "10m", "POP3 idle timeout (RFC 1939: at least 10 minutes)."),
            new ConfigKey("pop3.retr-sets-seen", BOOLEAN, "true", "RETR marks the message \\Seen for IMAP clients."),
            new ConfigKey("pop3.leave-days", INTEGER, "0", "Expire messages downloaded by POP3 after this many days (advertised as EXPIRE); 0 = never."),
            new ConfigKey("dns.servers", HOST_LIST, "", "DNS resolvers for MX lookups (host or host:port, comma separated); empty = the system's."),
            new ConfigKey("executor.threads", INTEGER, "64", "Threads that run protocol work touching the store (never the network I/O threads)."),
            new ConfigKey("store.blob-gc-interval", DURATION, "10m", "How often bodies no message refers to any more are deleted; 0s turns it off."),
            new ConfigKey("store.blob-gc-grace", DURATION, "1h", "How long a body is kept after its last message went (copy blobs/ within this after db/ in a live backup).")
    );

    private ConfigKeys() {
    }

    /** Keys by name. */
    public static Map<String, ConfigKey> byName() {
        Map<String, ConfigKey> m = new LinkedHashMap<>();
        for (ConfigKey k : ALL) {
            m.put(k.name(), k);
        }
        return m;
    }

    /** Values that {@code tern serve --dev} puts over the defaults. */
    public static Map<String, String> devOverrides() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data.dir", "./data");
        m.put("hostname", "localhost");
        m.put("smtp.listen", "127.0.0.1:2525");
        m.put("submission.listen", "127.0.0.1:2587");
        m.put("smtps.listen", "127.0.0.1:2465");
        m.put("imap.listen", "127.0.0.1:2143");
        m.put("imaps.listen", "127.0.0.1:2993");
        m.put("pop3.listen", "127.0.0.1:2110");
        m.put("pop3s.listen", "127.0.0.1:2995");
        m.put("http.listen", "127.0.0.1:8080");
        return m;
    }
}
