package org.tern.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.dist.run.AdminTokenFile;

class AdminTokenFileTest {

    @TempDir
    Path dir;

    @Test
    void createsARandomOwnerOnlyTokenOnceAndKeepsIt() throws Exception {
        String first = new AdminTokenFile(dir).readOrCreate();
        assertThat(first).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("admin.token"))))
                .isEqualTo("rw-------");
        assertThat(new AdminTokenFile(dir).readOrCreate()).isEqualTo(first);
        assertThat(new AdminTokenFile(Files.createDirectory(dir.resolve("other"))).readOrCreate()).isNotEqualTo(first);
    }
}
