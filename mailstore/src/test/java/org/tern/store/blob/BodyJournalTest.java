package org.tern.store.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small bodies are durable through the journal, their blob files through checkpoints; what a power cut takes from
 * the blob files is restored from the journal at the next open.
 */
class BodyJournalTest {

    @TempDir
    Path data;

    @Test
    void bodiesAPowerCutTookFromTheirFilesAreRestoredAtOpen() throws Exception {
        FileBlobStore before = new FileBlobStore(data, 0);
        byte[][] bodies = {bytes(4096, 1), bytes(10_000, 2), bytes(300, 3)};
        String[] ids = new String[bodies.length];
        for (int i = 0; i < bodies.length; i++) {
            ids[i] = persist(before, bodies[i]);
        }
        // What a power cut can leave of files that were never fsynced: gone, cut short, or the right size but
        // not the right bytes.
        Files.delete(before.path(ids[0]));
        try (FileChannel ch = FileChannel.open(before.path(ids[1]), StandardOpenOption.WRITE)) {
            ch.truncate(5_000);
        }
        Files.write(before.path(ids[2]), new byte[300]);
        // The first store is abandoned without close(), as a crash would.

        try (FileBlobStore after = new FileBlobStore(data, 0)) {
            for (int i = 0; i < bodies.length; i++) {
                try (InputStream in = after.open(ids[i])) {
                    assertThat(in.readAllBytes()).as("body %d", i).isEqualTo(bodies[i]);
                }
            }
            assertThat(BodyJournal.segments(data.resolve("journal"))).as("replayed segments are deleted")
                    .hasSize(1);
        }
        try (var tmp = Files.list(data.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void readStopsAtATornOrCorruptRecord() throws Exception {
        Path dir = data.resolve("j");
        BodyJournal journal = new BodyJournal(dir);
        List<byte[]> bodies = List.of(bytes(100, 4), bytes(2000, 5), bytes(50, 6));
        for (byte[] b : bodies) {
            journal.awaitDurable(journal.append(sha256(b), ByteBuffer.wrap(b)));
        }
        journal.close();
        Path segment = BodyJournal.segments(dir).get(0);
        assertThat(BodyJournal.read(segment)).extracting(BodyJournal.Entry::body).containsExactlyElementsOf(bodies);

        long size = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 10); // the last record torn
        }
        assertThat(BodyJournal.read(segment)).extracting(BodyJournal.Entry::body)
                .containsExactly(bodies.get(0), bodies.get(1));

        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {42}), 40 + 100 + 40 + 7); // a byte of the second body flipped
        }
        assertThat(BodyJournal.read(segment)).extracting(BodyJournal.Entry::body).containsExactly(bodies.get(0));
    }

    @Test
    void aCheckpointDeletesTheSegmentsAndACleanCloseLeavesNoJournal() throws Exception {
        Path journalDir = data.resolve("journal");
        FileBlobStore blobs = new FileBlobStore(data, 0);
        String id = persist(blobs, bytes(4096, 7));
        long afterOne = bytesJournaled(journalDir);
        assertThat(afterOne).isGreaterThan(4096);

        // The file is not durable yet, so the same body arriving again is journaled again.
        persist(blobs, bytes(4096, 7));
        assertThat(bytesJournaled(journalDir)).isEqualTo(2 * afterOne);

        assertThat(blobs.checkpoint()).isTrue();
        assertThat(BodyJournal.segments(journalDir)).hasSize(1);
        assertThat(bytesJournaled(journalDir)).isZero();
        assertThat(blobs.checkpoint()).as("nothing left to do").isFalse();

        // Now durable: the same body again needs no journal record.
        assertThat(persist(blobs, bytes(4096, 7))).isEqualTo(id);
        assertThat(bytesJournaled(journalDir)).isZero();

        persist(blobs, bytes(5000, 8));
        blobs.close();
        assertThat(BodyJournal.segments(journalDir)).isEmpty();
        try (FileBlobStore again = new FileBlobStore(data, 0); InputStream in = again.open(id)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes(4096, 7));
        }
    }

    @Test
    void concurrentBodiesShareJournalSyncsAndAllReadBack() throws Exception {
        FileBlobStore blobs = new FileBlobStore(data, 0);
        List<String> expected = persistFromEightThreads(blobs, 400, i -> bytes(1100 + i, 100 + i));
        List<String> journaled = new ArrayList<>();
        for (Path segment : BodyJournal.segments(data.resolve("journal"))) {
            BodyJournal.read(segment).forEach(e -> journaled.add(e.blobId()));
        }
        assertThat(journaled).containsExactlyInAnyOrderElementsOf(expected);
        for (int i = 0; i < expected.size(); i++) {
            try (InputStream in = blobs.open(expected.get(i))) {
                assertThat(in.readAllBytes()).isEqualTo(bytes(1100 + i, 100 + i));
            }
        }
        blobs.close();
    }

    @Test
    void aFileThatIsNotWholeIsNeverTrustedForTheSameBody() throws Exception {
        byte[] body = bytes(4096, 9);
        String id = sha256(body);
        Path file = data.resolve("blobs").resolve(id.substring(0, 2)).resolve(id);
        Files.createDirectories(file.getParent());
        // What a power cut can leave when a rename reached the disk before the data: the name, no bytes.
        Files.write(file, new byte[4096]);
        try (FileBlobStore blobs = new FileBlobStore(data, 0)) {
            assertThat(persist(blobs, body)).isEqualTo(id);
            assertThat(Files.readAllBytes(file)).isEqualTo(body);
            assertThat(bytesJournaled(data.resolve("journal"))).as("journaled, not trusted").isGreaterThan(4096);
        }
    }

    @Test
    void checkpointsWhileBodiesArriveLoseNoneAndLeaveNoJournal() throws Exception {
        FileBlobStore blobs = new FileBlobStore(data, 2);
        // some bodies arrive several times, before and after a checkpoint
        persistFromEightThreads(blobs, 2000, i -> bytes(2000 + i % 700, i % 700));
        blobs.close();
        assertThat(BodyJournal.segments(data.resolve("journal"))).isEmpty();
        try (FileBlobStore again = new FileBlobStore(data, 0)) {
            for (int seed = 0; seed < 700; seed++) {
                try (InputStream in = again.open(sha256(bytes(2000 + seed, seed)))) {
                    assertThat(in.readAllBytes()).isEqualTo(bytes(2000 + seed, seed));
                }
            }
        }
    }

    @Test
    void anInterruptedDeliveryDoesNotBreakTheJournalForOthers() throws Exception {
        try (FileBlobStore blobs = new FileBlobStore(data, 0)) {
            Thread t = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    persist(blobs, bytes(3000, 10));
                } catch (Exception expected) {
                    // the interrupted thread may fail; the others must not
                }
            });
            t.start();
            t.join();
            String id = persist(blobs, bytes(3000, 11));
            try (InputStream in = blobs.open(id)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes(3000, 11));
            }
            assertThat(blobs.checkpoint()).isTrue();
        }
        assertThat(BodyJournal.segments(data.resolve("journal"))).isEmpty();
    }

    /** Persists {@code count} bodies from 8 threads; returns their ids in the order of {@code i}. */
    private static List<String> persistFromEightThreads(FileBlobStore blobs, int count, IntFunction<byte[]> bodyOf)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] body = bodyOf.apply(i);
                futures.add(pool.submit(() -> persist(blobs, body)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }

    private static long bytesJournaled(Path journalDir) throws Exception {
        long total = 0;
        for (Path p : BodyJournal.segments(journalDir)) {
            total += Files.size(p);
        }
        return total;
    }

    private static String persist(FileBlobStore blobs, byte[] body) throws Exception {
        FileIncomingMessage m = blobs.newIncoming();
        m.write(body);
        m.close();
        try (FileBlobStore.Pin pin = blobs.persist(m)) {
            return pin.id();
        } finally {
            m.discard();
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) {
        return HexFormat.of().formatHex(BodyJournal.sha256().digest(b));
    }
}
