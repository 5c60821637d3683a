package org.tern.core.net.mina;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Short session ids for logs: base-36 of a counter that starts at a random point, unique within a process run. */
public final class SessionIds {

    private final AtomicLong next = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 40));

    public String next() {
        return Long.toString(next.getAndIncrement(), 36);
    }
}
