package org.tern.admin.service;

import java.time.Instant;

/** An account with its quota ({@link #UNLIMITED} for none) and current usage. */
public record UserInfo(String address, String domain, long quotaBytes, long usedBytes, long messages,
                       boolean disabled, Instant created) {

    /** Same value as the store's {@code Account.UNLIMITED}. */
    public static final long UNLIMITED = -1;

    public boolean hasQuota() {
        return quotaBytes != UNLIMITED;
    }
}
