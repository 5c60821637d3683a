package org.tern.store;

/** Who caused a change: a session id, or {@link #SYSTEM} for deliveries and admin actions. */
public record Origin(String sessionId) {

    public static final Origin SYSTEM = new Origin("");

    public boolean isSystem() {
        return sessionId.isEmpty();
    }
}
