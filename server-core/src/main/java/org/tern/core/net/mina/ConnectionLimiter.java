package org.tern.core.net.mina;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/** Counts open connections per client address; {@code limit} 0 means no limit. */
final class ConnectionLimiter {

    private final int limit;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    ConnectionLimiter(int limit) {
        this.limit = limit;
    }

    /** Counts a new connection, or returns false (counting nothing) when the address is at its limit. */
    boolean tryAcquire(InetAddress address) {
        if (limit <= 0 || address == null) {
            return true;
        }
        boolean[] acquired = {false};
        open.compute(address, (a, n) -> {
            int current = n == null ? 0 : n;
            if (current >= limit) {
                return n;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    void release(InetAddress address) {
        if (limit <= 0 || address == null) {
            return;
        }
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
}
