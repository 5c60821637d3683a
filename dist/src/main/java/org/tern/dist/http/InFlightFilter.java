package org.tern.dist.http;

import java.io.IOException;
import java.time.Duration;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

/** Counts HTTP exchanges in progress so shutdown can wait for them (and only for them). */
final class InFlightFilter extends Filter {

    private int active;

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        synchronized (this) {
            active++;
        }
        try {
            chain.doFilter(exchange);
        } finally {
            synchronized (this) {
                active--;
                notifyAll();
            }
        }
    }

    /** Returns when no exchange is in progress or {@code timeout} has passed. */
    synchronized void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (active > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String description() {
        return "counts exchanges in progress";
    }
}
