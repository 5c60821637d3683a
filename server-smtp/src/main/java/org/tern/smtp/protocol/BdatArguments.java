package org.tern.smtp.protocol;

import java.util.Optional;

/** The arguments of {@code BDAT <size> [LAST]} (RFC 3030). */
public record BdatArguments(long size, boolean last) {

    /** Parses the argument part of a BDAT line; empty when malformed. */
    public static Optional<BdatArguments> parse(String argument) {
        String[] parts = argument.trim().split(" +");
        if (parts.length < 1 || parts.length > 2 || parts[0].isEmpty() || parts[0].length() > 18) {
            return Optional.empty();
        }
        for (int i = 0; i < parts[0].length(); i++) {
            if (parts[0].charAt(i) < '0' || parts[0].charAt(i) > '9') {
                return Optional.empty();
            }
        }
        boolean last = false;
        if (parts.length == 2) {
            if (!parts[1].equalsIgnoreCase("LAST")) {
                return Optional.empty();
            }
            last = true;
        }
        return Optional.of(new BdatArguments(Long.parseLong(parts[0]), last));
    }
}
