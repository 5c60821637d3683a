package org.tern.pop3.session;

import java.time.Duration;

import org.tern.core.config.TernConfig;

/** The POP3 configuration, read once from {@link TernConfig}. */
public record Pop3Settings(boolean retrSetsSeen, int leaveDays, boolean plaintextOnLoopback, Duration idleTimeout) {

    public static Pop3Settings from(TernConfig config) {
        return new Pop3Settings(
                config.bool("pop3.retr-sets-seen"),
                config.integer("pop3.leave-days"),
                config.bool("auth.plaintext-on-loopback"),
                config.duration("pop3.idle-timeout"));
    }
}
