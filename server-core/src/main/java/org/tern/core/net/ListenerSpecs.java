package org.tern.core.net;

import java.util.List;

import org.tern.core.config.TernConfig;

/** Builds the listener specs (name, address, TLS mode, idle timeout, line limit) from the config. */
public final class ListenerSpecs {

    private ListenerSpecs() {
    }

    /** The enabled listeners among smtp, submission, smtps, imap, imaps, pop3, pop3s (not http). */
    public static List<ListenerSpec> fromConfig(TernConfig config) {
        throw new UnsupportedOperationException("implemented by the server-core work");
    }

    /** The spec of one named listener, e.g. for tests that bind port 0. */
    public static ListenerSpec forName(TernConfig config, String name) {
        throw new UnsupportedOperationException("implemented by the server-core work");
    }
}
