package org.tern.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Small bodies stay in memory until persisted; larger ones spill to tmp/; either way the blob is the same bytes. */
class FileIncomingMessageTest {

    @TempDir
    Path data;

    @RegisterExtension
    final OpenedBlobStores stores = new OpenedBlobStores();

    @Test
    void smallBodyIsWrittenOnlyWhenPersistedAndParsedFromMemory() throws Exception {
        FileBlobStore blobs = stores.open(data);
        byte[] body = bytes(4096, 1);
        FileIncomingMessage m = blobs.newIncoming();
        m.write(body, 0, 100);
        m.write(body[100]);
        m.write(body, 101, body.length - 101);
        m.close();
        assertThat(tempFiles()).as("nothing on disk before persist").isZero();
        try (InputStream in = m.inMemory().orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
        try (FileBlobStore.Pin pin = blobs.persist(m)) {
            assertThat(pin.id()).isEqualTo(sha256(body));
            try (InputStream in = blobs.open(pin.id())) {
                assertThat(in.readAllBytes()).isEqualTo(body);
            }
        }
        m.discard();
        assertThat(tempFiles()).isZero();
        assertThat(m.inMemory()).isEmpty();
    }

    @Test
    void bodyAtTheLimitStaysInMemoryAndOneByteMoreSpills() throws Exception {
        FileBlobStore blobs = stores.open(data);
        FileIncomingMessage atLimit = blobs.newIncoming();
        atLimit.write(bytes(FileIncomingMessage.MEMORY_LIMIT, 2));
        atLimit.close();
        assertThat(atLimit.spilled()).isFalse();

        byte[] big = bytes(FileIncomingMessage.MEMORY_LIMIT + 1, 3);
        FileIncomingMessage over = blobs.newIncoming();
        over.write(big);
        assertThat(over.spilled()).isTrue();
        over.close();
        assertThat(Files.readAllBytes(over.file())).isEqualTo(big);
        assertThat(over.inMemory()).isEmpty();
        try (FileBlobStore.Pin pin = blobs.persist(over)) {
            assertThat(pin.id()).isEqualTo(sha256(big));
        }
        assertThat(tempFiles()).as("renamed into the store").isZero();
    }

    @Test
    void largeBodyInUnevenChunksIsStoredExactly() throws Exception {
        FileBlobStore blobs = stores.open(data);
        byte[] body = bytes(3 * FileIncomingMessage.MEMORY_LIMIT + 12_345, 4);
        FileIncomingMessage m = blobs.newIncoming();
        Random r = new Random(5);
        int off = 0;
        while (off < body.length) {
            int n = Math.min(body.length - off, r.nextInt(2 * FileIncomingMessage.MEMORY_LIMIT) + 1);
            m.write(body, off, n);
            off += n;
            if (r.nextInt(4) == 0) {
                m.flush();
            }
        }
        assertThat(m.size()).isEqualTo(body.length);
        try (FileBlobStore.Pin pin = blobs.persist(m)) {
            assertThat(pin.id()).isEqualTo(sha256(body));
            try (InputStream in = blobs.open(pin.id())) {
                assertThat(in.readAllBytes()).isEqualTo(body);
            }
        }
    }

    @Test
    void discardDeletesASpilledFileAndRefusesPersist() throws Exception {
        FileBlobStore blobs = stores.open(data);
        FileIncomingMessage m = blobs.newIncoming();
        m.write(bytes(FileIncomingMessage.MEMORY_LIMIT * 2, 6));
        assertThat(tempFiles()).isEqualTo(1);
        m.discard();
        m.discard();
        assertThat(tempFiles()).isZero();
        assertThatThrownBy(() -> blobs.persist(m)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> m.write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void aBodyWhoseSpillFailedIsNeverPersisted() throws Exception {
        FileBlobStore blobs = stores.open(data);
        FileIncomingMessage m = blobs.newIncoming();
        m.write(bytes(100, 8));
        Files.delete(data.resolve("tmp")); // the temporary file cannot be created now
        assertThatThrownBy(() -> m.write(bytes(FileIncomingMessage.MEMORY_LIMIT, 9))).isInstanceOf(IOException.class);
        Files.createDirectories(data.resolve("tmp"));
        assertThatThrownBy(() -> blobs.persist(m)).isInstanceOf(IOException.class)
                .hasMessageContaining("not written completely");
        m.discard();
    }

    @Test
    void existingBodyIsNotWrittenAgain() throws Exception {
        FileBlobStore blobs = stores.open(data);
        byte[] body = bytes(1000, 7);
        for (int i = 0; i < 2; i++) {
            FileIncomingMessage m = blobs.newIncoming();
            m.write(body);
            try (FileBlobStore.Pin pin = blobs.persist(m)) {
                assertThat(pin.id()).isEqualTo(sha256(body));
            }
            m.discard();
        }
        assertThat(blobs.totalBytes()).isEqualTo(body.length);
        assertThat(tempFiles()).isZero();
    }

    private long tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("tmp"))) {
            return files.count();
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
