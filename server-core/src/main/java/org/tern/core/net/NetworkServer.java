package org.tern.core.net;

/** Starts MINA acceptors for listeners and owns their I/O threads. */
public final class NetworkServer implements AutoCloseable {

    private final ServerContext context;

    public NetworkServer(ServerContext context) {
        this.context = context;
    }

    /**
     * Binds one listener. Throws {@link ListenerStartException} ("cannot listen for smtp on 127.0.0.1:25:
     * Address already in use") when the address cannot be bound. Port 0 binds an ephemeral port.
     */
    public BoundListener bind(ListenerSpec spec, ProtocolHandlerFactory factory) {
        throw new UnsupportedOperationException("implemented by the server-core work");
    }

    /** Stops accepting on every listener and closes open connections. */
    @Override
    public void close() {
    }
}
