package org.tern.store;

import java.time.Instant;

/** A domain this server receives mail for. */
public record Domain(long id, String name, Instant created) {
}
