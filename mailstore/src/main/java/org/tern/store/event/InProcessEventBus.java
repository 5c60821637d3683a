package org.tern.store.event;

import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls listeners on the publishing (committing) thread, in subscription order; a failing listener is logged. */
public final class InProcessEventBus implements EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessEventBus.class);
    private static final long ALL = Long.MIN_VALUE;

    private record Registration(long accountId, StoreListener listener) {
    }

    private final CopyOnWriteArrayList<Registration> registrations = new CopyOnWriteArrayList<>();

    @Override
    public Subscription subscribe(long accountId, StoreListener listener) {
        return add(new Registration(accountId, listener));
    }

    @Override
    public Subscription subscribeAll(StoreListener listener) {
        return add(new Registration(ALL, listener));
    }

    private Subscription add(Registration r) {
        registrations.add(r);
        return () -> registrations.remove(r);
    }

    @Override
    public void publish(StoreEvent event) {
        for (Registration r : registrations) {
            if (r.accountId() == ALL || r.accountId() == event.accountId()) {
                try {
                    r.listener().onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("store listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}
