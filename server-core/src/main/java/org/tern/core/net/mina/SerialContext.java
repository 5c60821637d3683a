package org.tern.core.net.mina;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's tasks one at a time, in order, on a shared executor (no thread per connection).
 * {@link #block} holds later tasks back until a stage completes. After each run of tasks (when the queue is
 * empty, blocked, or after a fair share) the batch-end hook runs, still in order: that is where queued replies
 * are flushed, so a pipelined batch of commands gets one write.
 */
final class SerialContext {

    /** Tasks run before yielding the executor thread to other connections. */
    private static final int FAIR_SHARE = 256;
    private static final Logger LOG = LoggerFactory.getLogger(SerialContext.class);

    private final Executor executor;
    private final Runnable batchEnd;
    private final Runnable onRejected;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;
    private int blockers;

    SerialContext(Executor executor, Runnable batchEnd, Runnable onRejected) {
        this.executor = executor;
        this.batchEnd = batchEnd;
        this.onRejected = onRejected;
    }

    void submit(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running || blockers > 0) {
                return;
            }
            running = true;
        }
        start();
    }

    void submitAll(Collection<Runnable> batch) {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (this) {
            tasks.addAll(batch);
            if (running || blockers > 0) {
                return;
            }
            running = true;
        }
        start();
    }

    /** Holds back tasks submitted after the current one until {@code stage} completes. */
    void block(CompletionStage<?> stage) {
        synchronized (this) {
            blockers++;
        }
        stage.whenComplete((r, e) -> unblock());
    }

    synchronized int pending() {
        return tasks.size();
    }

    private void unblock() {
        synchronized (this) {
            blockers--;
            // Even with nothing queued, a drain runs the batch end: the completion may have written a reply.
            if (blockers > 0 || running) {
                return;
            }
            running = true;
        }
        start();
    }

    private void start() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running = false;
                tasks.clear();
            }
            onRejected.run();
        }
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // Tasks handle their own failures; this only keeps the queue alive if one slips through.
            LOG.warn("task failed in a connection context", e);
        }
    }

    private void drain() {
        for (int n = 0; n < FAIR_SHARE; n++) {
            Runnable task;
            synchronized (this) {
                task = blockers > 0 ? null : tasks.poll();
            }
            if (task == null) {
                break;
            }
            runQuietly(task);
        }
        runQuietly(batchEnd);
        synchronized (this) {
            if (blockers > 0 || tasks.isEmpty()) {
                running = false;
                return;
            }
        }
        start();
    }
}
