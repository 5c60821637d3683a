package org.tern.store.queue;

/** Queue depth and the age of the oldest entry in seconds (0 when empty). */
public record QueueStats(long entries, long oldestAgeSeconds) {
}
