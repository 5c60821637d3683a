package org.tern.admin.service;

import java.time.Instant;
import java.util.List;

/**
 * What {@code tern status} shows. When no server runs ({@code running} false), {@code started} is null,
 * uptime 0 and the listener list empty; the store figures are read from the data folder.
 */
public record ServerStatus(boolean running, String version, Instant started, long uptimeSeconds,
                           List<ListenerInfo> listeners, long domains, long accounts, long messages,
                           long queueEntries, long queueOldestAgeSeconds, long storeBytes) {

    public ServerStatus {
        listeners = List.copyOf(listeners);
    }
}
