package org.tern.store.event;

/**
 * Where committed changes are announced. The in-process implementation calls listeners on the committing
 * thread: listeners must only hand the event off (e.g. to their session's executor), never block.
 * Another implementation can carry events between several Tern nodes sharing one store.
 */
public interface EventBus {

    /** Listens to every change of one account. */
    Subscription subscribe(long accountId, StoreListener listener);

    /** Listens to every change (metrics, outbound worker). */
    Subscription subscribeAll(StoreListener listener);

    void publish(StoreEvent event);

    /** A registration; close to stop listening. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
