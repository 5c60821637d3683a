package org.tern.store.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bodies written by earlier builds under {@code blobs/ab/cd/<sha256>} stay readable and are not stored twice. */
class FileBlobStoreLayoutTest {

    @TempDir
    Path data;

    @RegisterExtension
    final OpenedBlobStores stores = new OpenedBlobStores();

    @Test
    void readsAndDeduplicatesBodiesInTheOlderNestedLayout() throws Exception {
        byte[] body = "Subject: old layout\r\n\r\nkept\r\n".getBytes(StandardCharsets.US_ASCII);
        String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        Path nested = data.resolve("blobs").resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
        Files.createDirectories(nested.getParent());
        Files.write(nested, body);

        FileBlobStore blobs = stores.open(data);
        assertThat(blobs.exists(id)).isTrue();
        assertThat(blobs.size(id)).isEqualTo(body.length);
        try (InputStream in = blobs.open(id, 9, 9)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("old layou");
        }

        FileIncomingMessage again = blobs.newIncoming();
        again.write(body, 0, body.length);
        again.close();
        try (FileBlobStore.Pin pin = blobs.persist(again)) {
            assertThat(pin.id()).isEqualTo(id);
        }
        assertThat(Files.exists(data.resolve("blobs").resolve(id.substring(0, 2)).resolve(id)))
                .as("no second copy in the flat layout").isFalse();
        assertThat(Files.readAllBytes(nested)).isEqualTo(body);
    }
}
