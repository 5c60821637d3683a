package org.tern.core.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate Tern makes for itself when none is configured: ECDSA P-256 (generated in milliseconds,
 * accepted by every current mail client), the host name as CN and
 * subjectAltName, serverAuth, valid 825 days (the longest Apple clients accept), written as PEM
 * ({@code cert.pem}, {@code key.pem} in PKCS#8) so an operator can inspect or replace it.
 */
public final class SelfSignedCertificate {

    static final Duration VALIDITY = Duration.ofDays(825);
    /** Renewed on start when it expires sooner than this. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private SelfSignedCertificate() {
    }

    /** Writes a new certificate and key for {@code hostname} into {@code certFile} and {@code keyFile}. */
    public static void generate(String hostname, Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, hostname).addRDN(BCStyle.O, "Tern self-signed").build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(hostname));
        X509Certificate certificate;
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        Files.createDirectories(certFile.toAbsolutePath().getParent());
        writeAtomically(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()), true);
        writeAtomically(certFile, pem(certificate), false);
    }

    /** True when the certificate names {@code hostname} and stays valid for a while. */
    public static boolean isUsableFor(X509Certificate certificate, String hostname) {
        if (certificate.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
            return false;
        }
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return false;
            }
            for (List<?> name : names) {
                if (Integer.valueOf(GeneralName.dNSName).equals(name.get(0)) && hostname.equalsIgnoreCase(String.valueOf(name.get(1)))) {
                    return true;
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
        return false;
    }

    private static GeneralNames subjectAltNames(String hostname) {
        if (hostname.matches("[0-9.]+") || hostname.contains(":")) {
            return new GeneralNames(new GeneralName(GeneralName.iPAddress, hostname));
        }
        return new GeneralNames(new GeneralName(GeneralName.dNSName, hostname));
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static void writeAtomically(Path file, String content, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            w.write(content);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
