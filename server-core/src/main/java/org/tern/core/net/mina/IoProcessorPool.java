package org.tern.core.net.mina;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * A fixed set of NIO processors (selector threads) shared by every acceptor; sessions are spread round-robin.
 *
 * <p>Unlike MINA's {@code SimpleIoProcessorPool}, suspending or resuming reads queues the change for the session's
 * I/O thread ({@code updateTrafficMask}) instead of editing the selection key from the calling thread. The direct
 * path is a read-modify-write of the key's interest set that races with the I/O thread's own write-interest
 * updates; when it loses, OP_READ is dropped and the session never reads again (seen under input back-pressure).
 */
final class IoProcessorPool implements IoProcessor<NioSession> {

    private static final AttributeKey PROCESSOR = new AttributeKey(IoProcessorPool.class, "processor");

    private final NioProcessor[] processors;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean disposing;

    IoProcessorPool(Executor executor, int size) {
        processors = new NioProcessor[size];
        for (int i = 0; i < size; i++) {
            processors[i] = new NioProcessor(executor);
        }
    }

    @Override
    public void add(NioSession session) {
        processor(session).add(session);
    }

    @Override
    public void flush(NioSession session) {
        processor(session).flush(session);
    }

    @Override
    public void write(NioSession session, WriteRequest writeRequest) {
        processor(session).write(session, writeRequest);
    }

    @Override
    public void remove(NioSession session) {
        processor(session).remove(session);
    }

    @Override
    public void updateTrafficControl(NioSession session) {
        processor(session).updateTrafficMask(session);
    }

    @Override
    public boolean isDisposing() {
        return disposing;
    }

    @Override
    public boolean isDisposed() {
        for (NioProcessor p : processors) {
            if (!p.isDisposed()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void dispose() {
        disposing = true;
        for (NioProcessor p : processors) {
            p.dispose();
        }
    }

    private NioProcessor processor(NioSession session) {
        NioProcessor p = (NioProcessor) session.getAttribute(PROCESSOR);
        if (p != null) {
            return p;
        }
        NioProcessor chosen = processors[Math.floorMod(next.getAndIncrement(), processors.length)];
        Object previous = session.setAttributeIfAbsent(PROCESSOR, chosen);
        return previous == null ? chosen : (NioProcessor) previous;
    }
}
