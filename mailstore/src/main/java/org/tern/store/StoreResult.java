package org.tern.store;

import java.util.List;

/**
 * Result of a flag store: every message in the set that still exists, with its flags and MODSEQ after the
 * operation ({@code changed} is the subset whose flags actually changed), and the UIDs refused by
 * UNCHANGEDSINCE.
 */
public record StoreResult(List<MessageMeta> messages, List<MessageMeta> changed, UidSet failedUnchangedSince) {
}
