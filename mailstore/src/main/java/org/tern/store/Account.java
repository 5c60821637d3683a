package org.tern.store;

import java.time.Instant;

/** A mail account (login = address). */
public record Account(long id, String address, String domain, long quotaBytes, boolean disabled, Instant created) {

    /** Quota value meaning "no limit". */
    public static final long UNLIMITED = -1;

    public boolean hasQuota() {
        return quotaBytes != UNLIMITED;
    }
}
