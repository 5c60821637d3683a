package org.tern.admin.service;

/** The only password rule Tern enforces: long enough, unless the operator insists. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;

    private PasswordPolicy() {
    }

    /** Throws {@link AdminException} (bad input) for an empty, NUL-containing or (unless allowed) short password. */
    public static void check(char[] password, boolean allowWeak) {
        if (password == null || password.length == 0) {
            throw AdminException.badInput("empty password refused");
        }
        for (char c : password) {
            // SASL PLAIN separates fields with NUL: such a password could never log in.
            if (c == '\0' || c == '\n' || c == '\r') {
                throw AdminException.badInput("password refused: it contains a NUL or line break");
            }
        }
        int length = Character.codePointCount(password, 0, password.length);
        if (length < MIN_LENGTH && !allowWeak) {
            throw AdminException.badInput("weak password refused: it has " + length + " characters, at least "
                    + MIN_LENGTH + " are required (--allow-weak to accept it anyway)");
        }
    }
}
