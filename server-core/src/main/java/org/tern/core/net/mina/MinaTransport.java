package org.tern.core.net.mina;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.mina.transport.socket.SocketSessionConfig;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.tern.core.net.BoundListener;
import org.tern.core.net.ListenerSpec;
import org.tern.core.net.ListenerStartException;
import org.tern.core.net.ProtocolHandlerFactory;
import org.tern.core.net.ServerContext;

/**
 * The MINA side of the network server: one acceptor per listener, all sharing one pool of I/O processors
 * (one selector thread per core) and one thread pool for those threads, both owned and disposed here.
 */
public final class MinaTransport implements AutoCloseable {

    private static final int BACKLOG = 1024;

    private final ServerContext context;
    private final SessionIds ids = new SessionIds();
    private final List<MinaBoundListener> listeners = new CopyOnWriteArrayList<>();
    /** One set of meters per listener name, kept when a listener is bound again (Micrometer ignores a second gauge). */
    private final Map<String, ListenerMetrics> metrics = new HashMap<>();
    private ExecutorService ioThreads;
    private IoProcessorPool processors;
    private boolean closed;

    public MinaTransport(ServerContext context) {
        this.context = context;
    }

    public synchronized BoundListener bind(ListenerSpec spec, ProtocolHandlerFactory factory) {
        if (closed) {
            throw new IllegalStateException("network server is closed");
        }
        if (spec.tls() == ListenerSpec.TlsMode.IMPLICIT && context.tls() == null) {
            throw new ListenerStartException("cannot listen for " + spec.name() + " on " + hostPort(spec.address())
                    + ": implicit TLS needs a TLS context", null);
        }
        startIo();
        NioSocketAcceptor acceptor = new NioSocketAcceptor(ioThreads, processors);
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(BACKLOG);
        acceptor.setCloseOnDeactivation(true);
        SocketSessionConfig config = acceptor.getSessionConfig();
        config.setTcpNoDelay(true);
        config.setKeepAlive(true);
        config.setBothIdleTime(MinaConnection.idleSeconds(spec.idleTimeout()));
        int perIp = context.config().integer("limits.connections-per-ip");
        ListenerParts parts = new ListenerParts(spec, factory, context,
                metrics.computeIfAbsent(spec.name(), name -> new ListenerMetrics(context.registry(), name)));
        ListenerHandler handler = new ListenerHandler(parts, ids, perIp);
        acceptor.setHandler(handler);
        try {
            acceptor.bind(resolve(spec.address()));
        } catch (IOException | RuntimeException e) {
            acceptor.dispose();
            throw new ListenerStartException("cannot listen for " + spec.name() + " on " + hostPort(spec.address())
                    + ": " + rootMessage(e), e);
        }
        MinaBoundListener listener = new MinaBoundListener(spec, acceptor, handler, () -> { });
        listeners.add(listener);
        return listener;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MinaBoundListener l : listeners) {
            l.close();
        }
        listeners.clear();
        if (processors != null) {
            processors.dispose();
        }
        if (ioThreads != null) {
            ioThreads.shutdown();
            try {
                if (!ioThreads.awaitTermination(10, TimeUnit.SECONDS)) {
                    ioThreads.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ioThreads.shutdownNow();
            }
        }
    }

    private void startIo() {
        if (processors != null) {
            return;
        }
        ioThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                namedDaemonThreads("tern-io-"));
        int count = Math.max(2, Runtime.getRuntime().availableProcessors());
        processors = new IoProcessorPool(ioThreads, count);
    }

    private static ThreadFactory namedDaemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static InetSocketAddress resolve(InetSocketAddress address) {
        if (!address.isUnresolved()) {
            return address;
        }
        return new InetSocketAddress(address.getHostString(), address.getPort());
    }

    static String hostPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
