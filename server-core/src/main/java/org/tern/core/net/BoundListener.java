package org.tern.core.net;

import java.net.InetSocketAddress;

/** A listener that is accepting connections. */
public interface BoundListener extends AutoCloseable {

    ListenerSpec spec();

    /** The address actually bound (with the real port when the spec asked for port 0). */
    InetSocketAddress boundAddress();

    boolean isActive();

    /** Currently open connections. */
    int connectionCount();

    /** Stops accepting and closes this listener's connections. */
    @Override
    void close();
}
