package org.tern.store;

/** Storage used by an account against its limit ({@link Account#UNLIMITED} for none). */
public record QuotaUsage(long usedBytes, long messages, long limitBytes) {
}
