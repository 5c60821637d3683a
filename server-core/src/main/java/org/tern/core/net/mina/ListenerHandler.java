package org.tern.core.net.mina;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.core.net.ListenerSpec;

/**
 * MINA's view of one listener: admits sessions (per-IP limit), installs implicit TLS, logs open and close,
 * and forwards I/O events to the session's {@link MinaConnection}. Runs on I/O threads only; never blocks.
 */
final class ListenerHandler extends IoHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger("org.tern.core.net.sessions");
    private static final AttributeKey CONNECTION = new AttributeKey(ListenerHandler.class, "connection");
    private static final long REFUSAL_LOG_INTERVAL_MS = 10_000;

    private final ListenerParts parts;
    private final SessionIds ids;
    private final ConnectionLimiter limiter;
    private final AtomicLong lastRefusalLog = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();

    ListenerHandler(ListenerParts parts, SessionIds ids, int connectionsPerIp) {
        this.parts = parts;
        this.ids = ids;
        this.limiter = new ConnectionLimiter(connectionsPerIp);
    }

    int connectionCount() {
        return open.get();
    }

    @Override
    public void sessionCreated(IoSession session) {
        InetAddress ip = ip(session);
        if (!limiter.tryAcquire(ip)) {
            parts.metrics().refusedPerIp();
            logRefusal(ip);
            session.closeNow();
            return;
        }
        MinaConnection connection = new MinaConnection(session, ids.next(), parts);
        session.setAttribute(CONNECTION, connection);
        parts.metrics().opened();
        open.incrementAndGet();
        if (parts.spec().tls() == ListenerSpec.TlsMode.IMPLICIT) {
            connection.markTlsStarted();
            session.getFilterChain().addFirst(TernSslFilter.NAME, new TernSslFilter(parts.context().tls().current()));
        }
    }

    @Override
    public void sessionOpened(IoSession session) {
        MinaConnection c = connection(session);
        if (c == null) {
            return;
        }
        LOG.info("session open session={} remote={} listener={}", c.id(), c.remoteIp(), parts.spec().name());
        if (parts.spec().tls() != ListenerSpec.TlsMode.IMPLICIT) {
            c.start();
        }
    }

    @Override
    public void event(IoSession session, FilterEvent event) {
        MinaConnection c = connection(session);
        if (c != null && event == SslEvent.SECURED) {
            c.secured();
        }
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        MinaConnection c = connection(session);
        if (c != null && message instanceof IoBuffer buffer) {
            c.received(buffer);
        }
    }

    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
        MinaConnection c = connection(session);
        if (c == null) {
            session.closeNow();
            return;
        }
        c.idle();
    }

    @Override
    public void inputClosed(IoSession session) {
        MinaConnection c = connection(session);
        if (c == null) {
            session.closeNow();
            return;
        }
        c.inputClosed();
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        MinaConnection c = connection(session);
        if (c == null) {
            session.closeNow();
            return;
        }
        c.failed(cause);
    }

    @Override
    public void sessionClosed(IoSession session) {
        MinaConnection c = (MinaConnection) session.removeAttribute(CONNECTION);
        if (c == null) {
            return;
        }
        limiter.release(ip(session));
        parts.metrics().closed();
        open.decrementAndGet();
        c.disconnected();
        long seconds = (System.currentTimeMillis() - session.getCreationTime()) / 1000;
        LOG.info("session close session={} remote={} listener={} duration={}s in={} out={}", c.id(), c.remoteIp(),
                parts.spec().name(), seconds, session.getReadBytes(), session.getWrittenBytes());
    }

    private void logRefusal(InetAddress ip) {
        long now = System.currentTimeMillis();
        long last = lastRefusalLog.get();
        if (now - last >= REFUSAL_LOG_INTERVAL_MS && lastRefusalLog.compareAndSet(last, now)) {
            LOG.warn("connection refused remote={} listener={} reason=limits.connections-per-ip (further refusals "
                    + "are counted in tern_connections_refused_total, logged at most every 10s)",
                    ip == null ? "?" : ip.getHostAddress(), parts.spec().name());
        }
    }

    private static MinaConnection connection(IoSession session) {
        return (MinaConnection) session.getAttribute(CONNECTION);
    }

    private static InetAddress ip(IoSession session) {
        return session.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }
}
