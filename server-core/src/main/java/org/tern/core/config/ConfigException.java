package org.tern.core.config;

/** A configuration problem; the message is the one line shown to the operator, naming the key. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
