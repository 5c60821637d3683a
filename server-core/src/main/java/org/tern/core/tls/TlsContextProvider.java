package org.tern.core.tls;

import javax.net.ssl.SSLContext;

/**
 * The server's current TLS context (TLS 1.2 and 1.3 only). Re-reads the PEM files when they change on disk,
 * so new connections get a renewed certificate without a restart.
 */
public interface TlsContextProvider {

    SSLContext current();
}
