package org.tern.admin.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.tern.admin.service.AdminException;

/** The admin API's bearer token in {@code <data>/admin.token} (mode 0600): created on first start, read by the CLI. */
public final class AdminToken {

    public static final String FILE_NAME = "admin.token";

    private AdminToken() {
    }

    /** The token file of a data folder. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** Reads the token of {@code dataDir}, creating a random one (256 bits, base64url) if there is none. */
    public static String loadOrCreate(Path dataDir) throws IOException {
        Path file = file(dataDir);
        if (Files.exists(file)) {
            return read(file);
        }
        Files.createDirectories(dataDir);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path tmp = Files.createTempFile(dataDir, ".admin.token", ".tmp");
        try {
            restrictToOwner(tmp);
            Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                return read(file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return token;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data folder's ACL protects it.
        }
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
