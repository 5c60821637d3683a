package org.tern.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import org.tern.core.tls.SelfSignedCertificate;

/** One self-signed "localhost" certificate per test JVM (RSA key generation costs up to a second each time). */
final class SharedTestCertificate {

    private static byte[] cert;
    private static byte[] key;

    private SharedTestCertificate() {
    }

    static synchronized void copyInto(Path tlsDir) {
        try {
            if (cert == null) {
                Path tmp = Files.createTempDirectory("tern-test-cert-");
                SelfSignedCertificate.generate("localhost", tmp.resolve("cert.pem"), tmp.resolve("key.pem"));
                cert = Files.readAllBytes(tmp.resolve("cert.pem"));
                key = Files.readAllBytes(tmp.resolve("key.pem"));
                Files.delete(tmp.resolve("cert.pem"));
                Files.delete(tmp.resolve("key.pem"));
                Files.delete(tmp);
            }
            Files.createDirectories(tlsDir);
            Files.write(tlsDir.resolve("cert.pem"), cert);
            Files.write(tlsDir.resolve("key.pem"), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
