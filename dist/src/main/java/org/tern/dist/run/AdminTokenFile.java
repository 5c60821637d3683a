package org.tern.dist.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** {@code <data.dir>/admin.token}: the bearer token of the admin API, generated on first start (mode 0600). */
public final class AdminTokenFile {

    private static final int TOKEN_BYTES = 32;

    private final Path file;

    public AdminTokenFile(Path dataDir) {
        this.file = dataDir.resolve("admin.token");
    }

    public Path path() {
        return file;
    }

    /** Returns the token, creating the file with a random one (readable by the owner only) if absent. */
    public String readOrCreate() {
        try {
            if (!Files.exists(file)) {
                create();
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }

    private void create() throws IOException {
        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        try {
            // Created with 0600 from the start, so the token is never readable by others, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
    }
}
