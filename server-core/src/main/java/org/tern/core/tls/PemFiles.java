package org.tern.core.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Reads a PEM certificate chain and a PEM private key (PKCS#8, or traditional RSA/EC) with Bouncy Castle. */
public final class PemFiles {

    private PemFiles() {
    }

    /** The certificates of a PEM file, leaf first as the file lists them. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : readObjects(file)) {
            if (o instanceof X509CertificateHolder holder) {
                try {
                    chain.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new IOException(file + ": unreadable certificate: " + e.getMessage(), e);
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IOException(file + " contains no PEM certificate");
        }
        return chain;
    }

    /** The first private key of a PEM file. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object o : readObjects(file)) {
            if (o instanceof PEMKeyPair pair) {
                // getKeyPair() fails when the public part is absent; the private key info is enough.
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new IOException(file + " holds an encrypted private key; Tern needs it unencrypted "
                        + "(openssl pkey -in encrypted.pem -out key.pem)");
            }
        }
        throw new IOException(file + " contains no PEM private key");
    }

    private static List<Object> readObjects(Path file) throws IOException {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                objects.add(o);
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a valid PEM file: " + e.getMessage(), e);
        }
        return objects;
    }
}
