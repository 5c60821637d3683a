package org.tern.core.testing;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Client-side TLS for tests: trusts any server certificate (Tern's test certificate is self-signed). */
public final class TestTls {

    private TestTls() {
    }

    /** A TLS client context that accepts every certificate. */
    public static SSLContext trustAllContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SSLSocketFactory trustAllSocketFactory() {
        return trustAllContext().getSocketFactory();
    }

    /**
     * Angus Mail properties for {@code protocol} (smtp, imap, pop3; add "s" for implicit TLS) that trust the
     * test certificate, e.g. {@code Session.getInstance(TestTls.mailProperties("smtp", port, true))}.
     */
    public static Properties mailProperties(String protocol, int port, boolean startTls) {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", "127.0.0.1");
        p.put(prefix + "port", String.valueOf(port));
        p.put(prefix + "ssl.socketFactory", trustAllSocketFactory());
        p.put(prefix + "ssl.checkserveridentity", "false");
        p.put(prefix + "ssl.trust", "*");
        p.put(prefix + "connectiontimeout", "10000");
        p.put(prefix + "timeout", "30000");
        if (startTls) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (protocol.endsWith("s")) {
            p.put(prefix + "ssl.enable", "true");
        }
        return p;
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
