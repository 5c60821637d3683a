package org.tern.dist;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads named {@code <prefix>-<n>} so thread dumps and logs say what each pool is for. */
final class NamedThreadFactory implements ThreadFactory {

    private final String prefix;
    private final boolean daemon;
    private final AtomicInteger next = new AtomicInteger(1);

    NamedThreadFactory(String prefix, boolean daemon) {
        this.prefix = prefix;
        this.daemon = daemon;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(task, prefix + "-" + next.getAndIncrement());
        t.setDaemon(daemon);
        return t;
    }
}
