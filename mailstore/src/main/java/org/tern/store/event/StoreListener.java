package org.tern.store.event;

/** Receives committed changes. Must not block. */
@FunctionalInterface
public interface StoreListener {
    void onEvent(StoreEvent event);
}
