package org.tern.core.tls;

import org.tern.core.config.ConfigException;

/** The TLS certificate or key cannot be used; the message names the files and the reason. */
public class TlsConfigException extends ConfigException {

    public TlsConfigException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
