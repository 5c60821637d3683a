package org.tern.core.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the TLS context built from a PEM certificate chain and key, re-reading both files when their
 * modification time or size changes (checked at most once per {@code checkInterval}, on {@link #current()}).
 * A file that cannot be read (e.g. half-written during renewal) keeps the previous context in use.
 */
public final class ReloadingTlsContextProvider implements TlsContextProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTlsContextProvider.class);

    private final Path certFile;
    private final Path keyFile;
    private final long checkIntervalNanos;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile Loaded loaded;
    private volatile long nextCheck;
    private volatile Stamp lastFailed;

    private record Stamp(long certModified, long certSize, long keyModified, long keySize) {
    }

    private record Loaded(SSLContext context, Stamp stamp, X509Certificate leaf) {
    }

    /** Loads the files now; throws {@link TlsConfigException} when they are unusable. */
    public ReloadingTlsContextProvider(Path certFile, Path keyFile, Duration checkInterval) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.checkIntervalNanos = checkInterval.toNanos();
        try {
            this.loaded = load(stamp());
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigException("cannot use TLS certificate " + certFile + " and key " + keyFile + ": "
                    + e.getMessage(), e);
        }
        this.nextCheck = System.nanoTime() + checkIntervalNanos;
        LOG.info("TLS certificate loaded subject=\"{}\" expires={} file={}", loaded.leaf().getSubjectX500Principal().getName(),
                loaded.leaf().getNotAfter().toInstant(), certFile);
    }

    @Override
    public SSLContext current() {
        long now = System.nanoTime();
        if (now - nextCheck >= 0 && checking.compareAndSet(false, true)) {
            try {
                nextCheck = now + checkIntervalNanos;
                reloadIfChanged();
            } finally {
                checking.set(false);
            }
        }
        return loaded.context();
    }

    /** The certificate currently served. */
    public X509Certificate certificate() {
        return loaded.leaf();
    }

    private void reloadIfChanged() {
        Stamp stamp;
        try {
            stamp = stamp();
        } catch (IOException e) {
            warnOnce(null, "cannot read TLS files: " + e.getMessage());
            return;
        }
        if (stamp.equals(loaded.stamp()) || stamp.equals(lastFailed)) {
            return;
        }
        try {
            loaded = load(stamp);
            lastFailed = null;
            LOG.info("TLS certificate reloaded subject=\"{}\" expires={} file={}",
                    loaded.leaf().getSubjectX500Principal().getName(), loaded.leaf().getNotAfter().toInstant(), certFile);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            warnOnce(stamp, "TLS certificate " + certFile + " changed but cannot be used (keeping the previous one): "
                    + e.getMessage());
        }
    }

    private void warnOnce(Stamp stamp, String message) {
        if (stamp != null && Objects.equals(stamp, lastFailed)) {
            return;
        }
        lastFailed = stamp;
        LOG.warn(message);
    }

    private Loaded load(Stamp stamp) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = PemFiles.readCertificates(certFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        return new Loaded(ServerSslContexts.create(key, chain), stamp, chain.get(0));
    }

    private Stamp stamp() throws IOException {
        BasicFileAttributes cert = Files.readAttributes(certFile, BasicFileAttributes.class);
        BasicFileAttributes key = Files.readAttributes(keyFile, BasicFileAttributes.class);
        return new Stamp(cert.lastModifiedTime().toMillis(), cert.size(), key.lastModifiedTime().toMillis(), key.size());
    }
}
