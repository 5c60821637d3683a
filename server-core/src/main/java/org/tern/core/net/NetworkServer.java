package org.tern.core.net;

import org.tern.core.net.mina.MinaTransport;

/** Starts MINA acceptors for listeners and owns their I/O threads. */
public final class NetworkServer implements AutoCloseable {

    private final MinaTransport transport;

    public NetworkServer(ServerContext context) {
        this.transport = new MinaTransport(context);
    }

    /**
     * Binds one listener. Throws {@link ListenerStartException} ("cannot listen for smtp on 127.0.0.1:25:
     * Address already in use") when the address cannot be bound. Port 0 binds an ephemeral port.
     */
    public BoundListener bind(ListenerSpec spec, ProtocolHandlerFactory factory) {
        return transport.bind(spec, factory);
    }

    /** Stops accepting on every listener and closes open connections. */
    @Override
    public void close() {
        transport.close();
    }
}
