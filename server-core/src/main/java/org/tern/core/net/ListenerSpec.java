package org.tern.core.net;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One listener: a name from the config (smtp, submission, smtps, imap, imaps, pop3, pop3s), the address,
 * how TLS is used, the idle timeout and the longest command line accepted.
 */
public record ListenerSpec(String name, InetSocketAddress address, TlsMode tls, Duration idleTimeout,
                           int maxLineLength) {

    public enum TlsMode { NONE, STARTTLS, IMPLICIT }
}
