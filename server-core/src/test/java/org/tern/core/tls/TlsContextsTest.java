package org.tern.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.core.config.ConfigException;
import org.tern.core.config.TernConfig;

class TlsContextsTest {

    @TempDir
    Path dir;

    private void openssl(String... args) throws Exception {
        assumeTrue(new File("/usr/bin/openssl").canExecute(), "openssl not installed");
        String[] cmd = new String[args.length + 1];
        cmd[0] = "/usr/bin/openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private void selfSign(String key, String cert) throws Exception {
        openssl("req", "-x509", "-new", "-key", key, "-subj", "/CN=mail.example", "-days", "30", "-out", cert);
    }

    private TernConfig config(String cert, String key) {
        return TernConfig.of(Map.of("data.dir", dir.toString(), "hostname", "mail.example",
                "tls.cert", cert.isEmpty() ? "" : dir.resolve(cert).toString(),
                "tls.key", key.isEmpty() ? "" : dir.resolve(key).toString()));
    }

    @Test
    void pkcs8RsaKey() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem");
        selfSign("key.pem", "cert.pem");
        assertThat(Files.readString(dir.resolve("key.pem"))).contains("BEGIN PRIVATE KEY");
        ReloadingTlsContextProvider p = TlsContexts.fromConfig(config("cert.pem", "key.pem"), Duration.ofSeconds(5));
        assertThat(p.current().getProtocol()).isEqualTo("TLS");
        assertThat(p.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=mail.example");
    }

    @Test
    void traditionalRsaKey() throws Exception {
        openssl("genrsa", "-traditional", "-out", "key.pem", "2048");
        selfSign("key.pem", "cert.pem");
        assertThat(Files.readString(dir.resolve("key.pem"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(TlsContexts.fromConfig(config("cert.pem", "key.pem")).current()).isNotNull();
    }

    @Test
    void traditionalEcKeyWithParameters() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "key.pem");
        selfSign("key.pem", "cert.pem");
        assertThat(Files.readString(dir.resolve("key.pem"))).contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");
        assertThat(TlsContexts.fromConfig(config("cert.pem", "key.pem")).current()).isNotNull();
    }

    @Test
    void fullChainIsServed() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key");
        openssl("req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=Test CA", "-days", "30", "-out", "ca.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem");
        openssl("req", "-new", "-key", "key.pem", "-subj", "/CN=mail.example", "-out", "leaf.csr");
        openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "30", "-out", "leaf.pem");
        Files.writeString(dir.resolve("chain.pem"), Files.readString(dir.resolve("leaf.pem")) + Files.readString(dir.resolve("ca.pem")));
        assertThat(PemFiles.readCertificates(dir.resolve("chain.pem"))).hasSize(2);
        assertThat(TlsContexts.fromConfig(config("chain.pem", "key.pem")).current()).isNotNull();
    }

    @Test
    void keyOfAnotherCertificateIsRefusedWithAClearMessage() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "other.pem");
        selfSign("key.pem", "cert.pem");
        assertThatThrownBy(() -> TlsContexts.fromConfig(config("cert.pem", "other.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void encryptedKeyIsRefusedWithAClearMessage() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256", "-pass", "pass:x", "-out", "key.pem");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(dir.resolve("key.pem"))).hasMessageContaining("encrypted");
    }

    @Test
    void missingFilesAndHalfConfigAreConfigErrors() {
        assertThatThrownBy(() -> TlsContexts.fromConfig(config("nope.pem", "nokey.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.pem");
        assertThatThrownBy(() -> TlsContexts.fromConfig(config("cert.pem", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls.cert");
    }

    @Test
    void selfSignedIsGeneratedOnceAndReused() throws Exception {
        ReloadingTlsContextProvider first = TlsContexts.fromConfig(config("", ""), Duration.ofSeconds(5));
        X509Certificate cert = first.certificate();
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=mail.example");
        assertThat(cert.getSubjectAlternativeNames()).anySatisfy(n -> assertThat(n.get(1)).isEqualTo("mail.example"));
        assertThat(Files.readString(dir.resolve("tls/key.pem"))).contains("BEGIN PRIVATE KEY");
        ReloadingTlsContextProvider second = TlsContexts.fromConfig(config("", ""), Duration.ofSeconds(5));
        assertThat(second.certificate()).isEqualTo(cert);
        // A new host name gets a new certificate.
        TernConfig renamed = TernConfig.of(Map.of("data.dir", dir.toString(), "hostname", "mx.example"));
        assertThat(TlsContexts.fromConfig(renamed, Duration.ofSeconds(5)).certificate().getSubjectX500Principal().getName())
                .contains("CN=mx.example");
    }
}
