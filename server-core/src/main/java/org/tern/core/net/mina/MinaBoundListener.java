package org.tern.core.net.mina;

import java.net.InetSocketAddress;

import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.tern.core.net.BoundListener;
import org.tern.core.net.ListenerSpec;

/** A bound MINA acceptor. Closing it unbinds, closes its sessions and disposes the acceptor. */
final class MinaBoundListener implements BoundListener {

    private final ListenerSpec spec;
    private final NioSocketAcceptor acceptor;
    private final ListenerHandler handler;
    private final InetSocketAddress bound;
    private final Runnable onClose;

    MinaBoundListener(ListenerSpec spec, NioSocketAcceptor acceptor, ListenerHandler handler, Runnable onClose) {
        this.spec = spec;
        this.acceptor = acceptor;
        this.handler = handler;
        this.bound = (InetSocketAddress) acceptor.getLocalAddress();
        this.onClose = onClose;
    }

    @Override
    public ListenerSpec spec() {
        return spec;
    }

    @Override
    public InetSocketAddress boundAddress() {
        return bound;
    }

    @Override
    public boolean isActive() {
        return acceptor.isActive();
    }

    @Override
    public int connectionCount() {
        return handler.connectionCount();
    }

    @Override
    public void close() {
        if (acceptor.isDisposed()) {
            return;
        }
        acceptor.unbind();
        acceptor.dispose(true);
        onClose.run();
    }
}
