package org.tern.core.tls;

import org.tern.core.config.TernConfig;

/** Creates the TLS context provider from {@code tls.cert}/{@code tls.key}, or a self-signed certificate kept in the data folder. */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static TlsContextProvider fromConfig(TernConfig config) {
        throw new UnsupportedOperationException("implemented by the server-core work");
    }
}
