package org.tern.admin.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, read once from {@code org/tern/admin/version.properties} (filtered by Maven). */
final class TernVersion {

    static final String VERSION = load();

    private TernVersion() {
    }

    private static String load() {
        try (InputStream in = TernVersion.class.getResourceAsStream("/org/tern/admin/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
