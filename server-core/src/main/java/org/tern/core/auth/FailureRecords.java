package org.tern.core.auth;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per key (an IP address or an account), forgotten after {@code window} without failures.
 * Bounded: beyond {@code maxEntries}, records that are not banning anything are dropped.
 */
final class FailureRecords {

    private final long windowMillis;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Record> records = new ConcurrentHashMap<>();

    FailureRecords(long windowMillis, int maxEntries) {
        this.windowMillis = windowMillis;
        this.maxEntries = maxEntries;
    }

    /** Consecutive failures (since the last success, within the window). */
    int failures(String key, long now) {
        Record r = records.get(key);
        if (r == null) {
            return 0;
        }
        synchronized (r) {
            return r.isStale(now, windowMillis) ? 0 : r.failures;
        }
    }

    /** Records a failure; returns how many failures fell within the window (for banning). */
    int fail(String key, long now) {
        Record r = records.computeIfAbsent(key, k -> new Record());
        synchronized (r) {
            if (r.isStale(now, windowMillis)) {
                r.failures = 0;
                r.recent.clear();
            }
            r.failures++;
            r.lastFailure = now;
            r.recent.addLast(now);
            while (!r.recent.isEmpty() && now - r.recent.peekFirst() > windowMillis) {
                r.recent.removeFirst();
            }
            // Only the count matters beyond a point: keep the deque small.
            while (r.recent.size() > 1000) {
                r.recent.removeFirst();
            }
            return r.recent.size();
        }
    }

    void reset(String key) {
        Record r = records.get(key);
        if (r == null) {
            return;
        }
        synchronized (r) {
            if (r.bannedUntil == 0) {
                records.remove(key, r);
            } else {
                r.failures = 0;
                r.recent.clear();
            }
        }
    }

    void ban(String key, long until) {
        Record r = records.computeIfAbsent(key, k -> new Record());
        synchronized (r) {
            r.bannedUntil = until;
        }
    }

    boolean isBanned(String key, long now) {
        Record r = records.get(key);
        if (r == null) {
            return false;
        }
        synchronized (r) {
            return r.bannedUntil > now;
        }
    }

    int size() {
        return records.size();
    }

    /** Drops records that no longer matter; if still too many, drops all that are not banning. */
    void sweep(long now) {
        removeIf(r -> r.isStale(now, windowMillis) && r.bannedUntil <= now);
        if (records.size() > maxEntries) {
            removeIf(r -> r.bannedUntil <= now);
        }
    }

    private void removeIf(java.util.function.Predicate<Record> drop) {
        for (Iterator<Map.Entry<String, Record>> it = records.entrySet().iterator(); it.hasNext(); ) {
            Record r = it.next().getValue();
            synchronized (r) {
                if (drop.test(r)) {
                    it.remove();
                }
            }
        }
    }

    private static final class Record {
        int failures;
        long lastFailure;
        long bannedUntil;
        final ArrayDeque<Long> recent = new ArrayDeque<>();

        boolean isStale(long now, long window) {
            return now - lastFailure > window;
        }
    }
}
