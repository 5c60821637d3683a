package org.tern.admin.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;

import org.tern.admin.service.AdminException;

/** The admin API's bearer token in {@code <data>/admin.token} (created 0600 by {@code tern serve}), as the CLI reads it. */
public final class AdminToken {

    public static final String FILE_NAME = "admin.token";

    private AdminToken() {
    }

    /** The token file of a data folder. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** Reads a token file (surrounding whitespace ignored); {@link AdminException} if missing, unreadable or empty. */
    public static String read(Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw AdminException.badInput("cannot read the admin token: " + file + " does not exist"
                    + " (the server creates it on first start; or use --token-file)");
        } catch (IOException e) {
            throw AdminException.badInput("cannot read the admin token from " + file + ": " + e.getMessage());
        }
        if (token.isEmpty()) {
            throw AdminException.badInput("the admin token file " + file + " is empty");
        }
        return token;
    }

    /** Constant-time comparison, so response timing tells nothing about how much of a guess was right. */
    static boolean matches(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
