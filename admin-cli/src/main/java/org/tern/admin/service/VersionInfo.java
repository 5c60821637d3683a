package org.tern.admin.service;

/** The Tern version and the Java runtime it runs on. */
public record VersionInfo(String version, String java) {

    /** This build's version (from the jar's filtered resource) and the current JVM. */
    public static VersionInfo current() {
        return new VersionInfo(TernVersion.VERSION, Runtime.version().toString());
    }
}
