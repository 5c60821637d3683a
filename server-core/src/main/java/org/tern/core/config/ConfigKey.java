package org.tern.core.config;

/** One configuration key: its name, type, production default and the comment written to tern.properties. */
public record ConfigKey(String name, ValueType type, String defaultValue, String comment) {

    /** How a value is parsed and checked. */
    public enum ValueType { STRING, PATH, LISTEN, BYTES, DURATION, BOOLEAN, INTEGER, HOST_LIST }
}
