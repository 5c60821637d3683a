package org.tern.core.net.mina;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tern.core.net.Connection;
import org.tern.core.net.ListenerSpec;
import org.tern.core.net.ProtocolHandler;
import org.tern.core.net.ReadMode;

/**
 * A {@link Connection} over a MINA session. Input is decoded on the I/O thread and handed to the protocol
 * handler through this connection's {@link SerialContext}; replies are buffered and written once per batch.
 */
public final class MinaConnection implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(MinaConnection.class);

    /** Queued replies are written early once they reach this size. */
    private static final int WRITE_FLUSH_THRESHOLD = 64 * 1024;
    private static final int STREAM_CHUNK = 64 * 1024;
    /** Chunks of a stream in flight before the sender waits: 4 x 64 KiB. */
    private static final int STREAM_WINDOW = 4;
    /** Input queued for the handler (bytes plus a per-event overhead) above which reading stops. */
    private static final long INPUT_HIGH_WATER = 256 * 1024;
    private static final long INPUT_LOW_WATER = 64 * 1024;
    private static final int EVENT_OVERHEAD = 64;

    private final IoSession session;
    private final String id;
    private final ListenerParts listener;
    private final SerialContext serial;

    private final Object inputLock = new Object();
    private final FrameDecoder decoder;
    private boolean readSuspended;
    private boolean tlsUpgrading;
    private volatile boolean backlogged;
    private long maxQueuedInput;
    /** Changes at STARTTLS: events decoded before it are not delivered after it. */
    private volatile int inputEpoch;
    private final java.util.concurrent.atomic.AtomicLong queuedInput = new java.util.concurrent.atomic.AtomicLong();

    private final Object writeLock = new Object();
    private byte[] out = new byte[512];
    private int outLength;
    private boolean holdWrites;
    private long writesFlushed;

    /** Touched only in the serial context. */
    private ProtocolHandler handler;

    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean closing;
    private volatile boolean disconnected;
    private volatile boolean secure;
    private volatile boolean tlsStarted;
    /** The SslFilter is in the chain: whatever reaches us now was decrypted. */
    private volatile boolean sslInstalled;
    private final java.util.concurrent.atomic.AtomicBoolean handshakeCounted = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean streaming;
    private volatile int idleEvents;

    MinaConnection(IoSession session, String id, ListenerParts listener) {
        this.session = session;
        this.id = id;
        this.listener = listener;
        this.decoder = new FrameDecoder(listener.factory().newFraming(), listener.spec().maxLineLength());
        this.serial = new SerialContext(listener.context().executor(), this::endOfBatch, session::closeNow);
    }

    // ---- Connection -------------------------------------------------------------------------------------

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) session.getRemoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) session.getLocalAddress();
    }

    @Override
    public boolean isLoopback() {
        InetSocketAddress remote = remoteAddress();
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public ListenerSpec listener() {
        return listener.spec();
    }

    @Override
    public void write(byte[] bytes) {
        synchronized (writeLock) {
            if (disconnected) {
                return;
            }
            if (outLength + bytes.length > out.length) {
                out = java.util.Arrays.copyOf(out, Math.max(outLength + bytes.length, out.length * 2));
            }
            System.arraycopy(bytes, 0, out, outLength, bytes.length);
            outLength += bytes.length;
            if (outLength >= WRITE_FLUSH_THRESHOLD) {
                flushLocked();
            }
        }
    }

    @Override
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
        synchronized (writeLock) {
            flushLocked();
        }
    }

    @Override
    public void writeStream(InputStream in, long length) throws IOException {
        flush();
        streaming = true;
        try {
            ArrayDeque<WriteFuture> inFlight = new ArrayDeque<>();
            long left = length;
            while (left > 0) {
                int want = (int) Math.min(STREAM_CHUNK, left);
                byte[] chunk = new byte[want];
                int n = in.readNBytes(chunk, 0, want);
                if (n <= 0) {
                    throw new EOFException("stream ended " + left + " bytes early");
                }
                if (!isOpen()) {
                    throw new IOException("connection closed");
                }
                synchronized (writeLock) {
                    inFlight.add(session.write(IoBuffer.wrap(chunk, 0, n)));
                    writesFlushed++;
                }
                left -= n;
                while (inFlight.size() >= STREAM_WINDOW) {
                    awaitWritten(inFlight.poll());
                }
            }
            while (!inFlight.isEmpty()) {
                awaitWritten(inFlight.poll());
            }
        } finally {
            streaming = false;
        }
    }

    @Override
    public void resume(ReadMode mode) {
        synchronized (inputLock) {
            if (tlsUpgrading || disconnected) {
                return;
            }
            EventBatch batch = new EventBatch();
            decoder.resume(mode, batch);
            enqueue(batch);
            updateReadInterest();
        }
    }

    @Override
    public void startTls() {
        if (listener.context().tls() == null || listener.spec().tls() == ListenerSpec.TlsMode.NONE || tlsStarted) {
            LOG.warn("STARTTLS not possible session={} remote={} listener={}", id, remoteIp(), listener.spec().name());
            close();
            return;
        }
        SSLContext sslContext = listener.context().tls().current();
        synchronized (inputLock) {
            tlsUpgrading = true;
            // RFC 3207 §6 / CVE-2011-0411: nothing sent in plaintext after the command is used.
            decoder.pause();
            decoder.discardHeld();
            // Lines already decoded behind the command (a framing that did not pause) are dropped too.
            inputEpoch++;
            updateReadInterest();
        }
        WriteFuture reply;
        synchronized (writeLock) {
            reply = flushLocked();
            holdWrites = true;
        }
        if (reply == null) {
            installTls(sslContext);
        } else {
            reply.addListener(f -> {
                if (((WriteFuture) f).isWritten()) {
                    installTls(sslContext);
                } else {
                    session.closeNow();
                }
            });
        }
    }

    @Override
    public void execute(Runnable task) {
        if (disconnected) {
            return;
        }
        serial.submit(() -> {
            if (disconnected || closing) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                handlerFailed(e);
            }
        });
    }

    @Override
    public void await(CompletionStage<?> stage) {
        serial.block(stage);
    }

    @Override
    public void setIdleTimeout(Duration timeout) {
        session.getConfig().setIdleTime(IdleStatus.BOTH_IDLE, idleSeconds(timeout));
    }

    @Override
    public void close() {
        closing = true;
        synchronized (writeLock) {
            holdWrites = false;
            flushLocked();
        }
        session.closeOnFlush();
    }

    @Override
    public boolean isOpen() {
        return !closing && !disconnected && session.isConnected();
    }

    /** The most input (bytes plus a per-event overhead) ever queued for the handler: bounded by back-pressure. */
    public long maxQueuedInput() {
        synchronized (inputLock) {
            return maxQueuedInput;
        }
    }

    /** Number of socket writes issued so far (a pipelined batch of replies should cost one). */
    public long writesFlushed() {
        synchronized (writeLock) {
            return writesFlushed;
        }
    }

    @Override
    public String toString() {
        return "session=" + id + " remote=" + remoteIp() + " listener=" + listener.spec().name();
    }

    // ---- events from the I/O thread -----------------------------------------------------------------------

    /** Starts the protocol: creates the handler and lets it greet (after the handshake for implicit TLS). */
    void start() {
        if (disconnected || !started.compareAndSet(false, true)) {
            return;
        }
        serial.submit(() -> {
            try {
                handler = listener.factory().create(this);
                handler.onConnect();
            } catch (RuntimeException e) {
                handlerFailed(e);
            }
        });
    }

    void received(IoBuffer buffer) {
        byte[] data;
        int offset;
        int length = buffer.remaining();
        if (buffer.hasArray()) {
            data = buffer.array();
            offset = buffer.arrayOffset() + buffer.position();
        } else {
            data = new byte[length];
            buffer.get(data);
            offset = 0;
        }
        if (sslInstalled && !secure) {
            // Application data only comes out of TLS once the handshake is done; MINA's SECURED event may lag.
            secured();
        }
        synchronized (inputLock) {
            EventBatch batch = new EventBatch();
            decoder.feed(data, offset, length, batch);
            enqueue(batch);
            updateReadInterest();
        }
    }

    void secured() {
        secure = true;
        countHandshake(true);
        LOG.debug("TLS established session={} protocol={}", id, session.getAttribute(org.apache.mina.filter.ssl.SslFilter.SSL_SECURED));
        if (listener.spec().tls() == ListenerSpec.TlsMode.IMPLICIT) {
            start();
        }
    }

    /** Implicit TLS: the SslFilter is added before the session opens. */
    void markTlsStarted() {
        tlsStarted = true;
        sslInstalled = true;
    }

    void idle() {
        int n = ++idleEvents;
        if (n > 1 || !started.get() || streaming) {
            session.closeNow();
            return;
        }
        LOG.debug("idle timeout session={} remote={}", id, remoteIp());
        serial.submit(() -> {
            try {
                if (handler != null && !disconnected) {
                    handler.onIdleTimeout();
                }
            } catch (RuntimeException e) {
                LOG.debug("onIdleTimeout failed session={}", id, e);
            } finally {
                close();
            }
        });
    }

    /** The client shut down its sending side: answer what it sent, then close. */
    void inputClosed() {
        if (!started.get()) {
            session.closeNow();
            return;
        }
        serial.submit(this::close);
    }

    void failed(Throwable cause) {
        if (isTlsFailure(cause)) {
            if (tlsStarted && !secure) {
                countHandshake(false);
            }
            LOG.debug("TLS error session={} remote={}: {}", id, remoteIp(), cause.toString());
        } else if (cause instanceof IOException || cause instanceof org.apache.mina.core.write.WriteException) {
            LOG.debug("I/O error session={} remote={}: {}", id, remoteIp(), cause.toString());
        } else {
            LOG.warn("unexpected error session={} remote={} listener={}", id, remoteIp(), listener.spec().name(), cause);
        }
        session.closeNow();
    }

    void disconnected() {
        disconnected = true;
        if (tlsStarted && !secure) {
            countHandshake(false);
        }
        synchronized (writeLock) {
            outLength = 0;
        }
        if (started.get()) {
            serial.submit(() -> {
                if (handler == null) {
                    return;
                }
                try {
                    handler.onDisconnect();
                } catch (RuntimeException e) {
                    LOG.warn("onDisconnect failed session={}", id, e);
                }
            });
        }
    }

    String remoteIp() {
        InetSocketAddress remote = remoteAddress();
        if (remote == null) {
            return "?";
        }
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }

    static int idleSeconds(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            return 0;
        }
        long seconds = (timeout.toMillis() + 999) / 1000;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, seconds));
    }

    // ---- internals -----------------------------------------------------------------------------------------

    private void installTls(SSLContext sslContext) {
        if (!session.isConnected()) {
            return;
        }
        try {
            tlsStarted = true;
            session.getFilterChain().addFirst(TernSslFilter.NAME, new TernSslFilter(sslContext));
            sslInstalled = true;
        } catch (RuntimeException e) {
            LOG.debug("cannot start TLS session={}: {}", id, e.toString());
            session.closeNow();
            return;
        }
        synchronized (inputLock) {
            decoder.restartLines();
            tlsUpgrading = false;
            updateReadInterest();
        }
        synchronized (writeLock) {
            holdWrites = false;
            flushLocked();
        }
    }

    private void countHandshake(boolean ok) {
        if (!handshakeCounted.compareAndSet(false, true)) {
            return;
        }
        listener.metrics().tlsHandshake(ok);
    }

    private static boolean isTlsFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    private WriteFuture flushLocked() {
        if (outLength == 0 || holdWrites || disconnected) {
            return null;
        }
        IoBuffer buffer = IoBuffer.wrap(out, 0, outLength);
        out = new byte[512];
        outLength = 0;
        writesFlushed++;
        return session.write(buffer);
    }

    private void awaitWritten(WriteFuture future) throws IOException {
        future.awaitUninterruptibly();
        if (!future.isWritten()) {
            throw new IOException("connection closed while sending");
        }
    }

    private void endOfBatch() {
        flush();
    }

    /** Must hold inputLock. */
    private void enqueue(EventBatch batch) {
        if (batch.tasks.isEmpty()) {
            return;
        }
        long queued = queuedInput.addAndGet(batch.cost);
        maxQueuedInput = Math.max(maxQueuedInput, queued);
        if (queued > INPUT_HIGH_WATER) {
            backlogged = true;
        }
        serial.submitAll(batch.tasks);
    }

    /** Must hold inputLock. */
    private void updateReadInterest() {
        boolean suspend = decoder.isPaused() || tlsUpgrading || backlogged;
        if (suspend == readSuspended || disconnected) {
            return;
        }
        readSuspended = suspend;
        if (suspend) {
            session.suspendRead();
        } else {
            session.resumeRead();
        }
    }

    private void consumed(long cost) {
        long left = queuedInput.addAndGet(-cost);
        if (backlogged && left < INPUT_LOW_WATER) {
            synchronized (inputLock) {
                if (backlogged && queuedInput.get() < INPUT_LOW_WATER) {
                    backlogged = false;
                    updateReadInterest();
                }
            }
        }
    }

    private void handlerFailed(RuntimeException e) {
        LOG.warn("protocol handler failed session={} remote={} listener={}", id, remoteIp(), listener.spec().name(), e);
        close();
    }

    /** Collects the events of one decoding pass so they are queued together. */
    private final class EventBatch implements FrameSink {

        final List<Runnable> tasks = new ArrayList<>(4);
        long cost;

        @Override
        public void line(byte[] line) {
            add(line.length, h -> h.onLine(line));
        }

        @Override
        public void lineTooLong() {
            add(0, ProtocolHandler::onLineTooLong);
        }

        @Override
        public void content(byte[] chunk, boolean end) {
            add(chunk.length, h -> h.onContent(chunk, 0, chunk.length, end));
        }

        private void add(int size, Consumer<ProtocolHandler> call) {
            long eventCost = size + EVENT_OVERHEAD;
            int epoch = inputEpoch;
            cost += eventCost;
            tasks.add(() -> {
                try {
                    if (handler != null && !closing && !disconnected && epoch == inputEpoch) {
                        call.accept(handler);
                    }
                } catch (RuntimeException e) {
                    handlerFailed(e);
                } finally {
                    consumed(eventCost);
                }
            });
        }
    }
}
