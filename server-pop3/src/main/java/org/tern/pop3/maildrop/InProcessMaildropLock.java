package org.tern.pop3.maildrop;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The maildrop lock for a single Tern process: a map from account id to the holding session. */
public final class InProcessMaildropLock implements MaildropLock {

    private final ConcurrentMap<Long, String> holders = new ConcurrentHashMap<>();

    @Override
    public Optional<Lease> tryAcquire(long accountId, String sessionId) {
        if (holders.putIfAbsent(accountId, sessionId) != null) {
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                holders.remove(accountId, sessionId);
            }
        });
    }

    /** Whether some session holds the account's lock (for tests and diagnostics). */
    public boolean isHeld(long accountId) {
        return holders.containsKey(accountId);
    }
}
