package org.tern.core.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.core.config.ConfigException;
import org.tern.core.config.TernConfig;

/** Creates the TLS context provider from {@code tls.cert}/{@code tls.key}, or a self-signed certificate kept in the data folder. */
public final class TlsContexts {

    /** How often the certificate files are checked for changes. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    public static TlsContextProvider fromConfig(TernConfig config) {
        return fromConfig(config, DEFAULT_CHECK_INTERVAL);
    }

    /** As {@link #fromConfig(TernConfig)} with another check interval for changed files (tests). */
    public static ReloadingTlsContextProvider fromConfig(TernConfig config, Duration checkInterval) {
        Optional<Path> cert = config.path("tls.cert");
        Optional<Path> key = config.path("tls.key");
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException("'tls.cert' and 'tls.key' must be set together (both empty = self-signed)");
        }
        if (cert.isPresent()) {
            return new ReloadingTlsContextProvider(cert.get(), key.get(), checkInterval);
        }
        Path dir = config.dataDir().resolve("tls");
        Path certFile = dir.resolve("cert.pem");
        Path keyFile = dir.resolve("key.pem");
        ensureSelfSigned(config.hostname(), certFile, keyFile);
        return new ReloadingTlsContextProvider(certFile, keyFile, checkInterval);
    }

    /** Generates the self-signed certificate unless a usable one for {@code hostname} is already there. */
    static void ensureSelfSigned(String hostname, Path certFile, Path keyFile) {
        try {
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                X509Certificate existing = PemFiles.readCertificates(certFile).get(0);
                if (SelfSignedCertificate.isUsableFor(existing, hostname)) {
                    return;
                }
                LOG.info("self-signed certificate {} is for another host name or expires soon: making a new one", certFile);
            }
            SelfSignedCertificate.generate(hostname, certFile, keyFile);
            LOG.info("generated a self-signed TLS certificate for {} in {} (set tls.cert and tls.key to use a real one)",
                    hostname, certFile.getParent());
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigException("cannot create the self-signed certificate in " + certFile.getParent() + ": "
                    + e.getMessage(), e);
        }
    }
}
