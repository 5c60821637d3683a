package org.tern.smtp.hook;

import org.tern.smtp.protocol.SmtpReply;

/**
 * What a policy hook decided: OK (accept, skip the remaining hooks), DENY (permanent, 5xx), DENYSOFT
 * (temporary, 4xx) or DECLINED (no opinion, ask the next hook).
 */
public record HookResult(Kind kind, SmtpReply reply) {

    public enum Kind { OK, DENY, DENYSOFT, DECLINED }

    public static final HookResult OK = new HookResult(Kind.OK, null);
    public static final HookResult DECLINED = new HookResult(Kind.DECLINED, null);

    public static HookResult deny(SmtpReply reply) {
        if (!reply.isPermanentFailure()) {
            throw new IllegalArgumentException("DENY needs a 5xx reply: " + reply);
        }
        return new HookResult(Kind.DENY, reply);
    }

    public static HookResult denySoft(SmtpReply reply) {
        if (!reply.isTransientFailure()) {
            throw new IllegalArgumentException("DENYSOFT needs a 4xx reply: " + reply);
        }
        return new HookResult(Kind.DENYSOFT, reply);
    }

    public boolean isDenied() {
        return kind == Kind.DENY || kind == Kind.DENYSOFT;
    }
}
