package org.tern.dist.http;

import java.util.Map;
import java.util.stream.Collectors;

/** What {@code GET /health} reports: each listener and the store, up or down. */
public record HealthReport(Map<String, Boolean> listeners, boolean storeUp) {

    public HealthReport {
        listeners = Map.copyOf(listeners);
    }

    /** Up when the store and every listener are up. */
    public boolean isUp() {
        return storeUp && listeners.values().stream().allMatch(Boolean::booleanValue);
    }

    /** {@code {"status":"up","listeners":{"smtp":"up",...},"store":"up"}}, listeners sorted by name. */
    public String toJson() {
        String ls = listeners.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Json.quote(e.getKey()) + ":" + Json.quote(word(e.getValue())))
                .collect(Collectors.joining(",", "{", "}"));
        return "{\"status\":" + Json.quote(word(isUp())) + ",\"listeners\":" + ls
                + ",\"store\":" + Json.quote(word(storeUp)) + "}";
    }

    private static String word(boolean up) {
        return up ? "up" : "down";
    }
}
