package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.Delivery;
import org.tern.store.DeliveryReceipt;
import org.tern.store.ExpungeMode;
import org.tern.store.Flags;
import org.tern.store.MailStoreConfig;
import org.tern.store.Mailbox;
import org.tern.store.Origin;
import org.tern.store.UidSet;
import org.tern.store.blob.FileBlobStore;
import org.tern.store.testing.TestMailStores;

/** Garbage collection of unreferenced bodies: candidates, grace period, re-check, pins, full scan, close. */
class BlobGcTest {

    private static final String FACTS_OF_BLOB = "SELECT COUNT(*) FROM body_facts f JOIN bodies b"
            + " ON b.body_id = f.body_id WHERE b.blob_id = ?";

    private static final Origin ORIGIN = new Origin("gc");

    @TempDir
    Path dir;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    JdbcMailStore store;
    FileBlobStore blobs;
    Account a;
    Account b;
    Mailbox inboxA;

    @BeforeEach
    void open() {
        open(MailStoreConfig.forTests(dir));
    }

    private void open(MailStoreConfig config) {
        store = JdbcMailStore.open(config, registry);
        blobs = (FileBlobStore) store.blobs();
        a = store.directory().account("a@example.org").orElseGet(() -> TestMailStores.account(store, "a@example.org", "p"));
        b = store.directory().account("b@example.org").orElseGet(() -> TestMailStores.account(store, "b@example.org", "p"));
        inboxA = store.mailboxes().find(a.id(), "INBOX").orElseThrow();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private BlobCollector gc() {
        return store.blobCollector();
    }

    private static Instant later() {
        return Instant.now().plus(Duration.ofHours(2));
    }

    private long rows(String sql, Object... args) {
        return store.database().read("test", tx -> tx.queryLong(sql, args));
    }

    private boolean candidate(String blobId) {
        return rows("SELECT COUNT(*) FROM blob_orphans WHERE blob_id = ?", BlobKeys.key(blobId)) == 1;
    }

    private Path file(String blobId) {
        return dir.resolve("blobs").resolve(blobId.substring(0, 2)).resolve(blobId);
    }

    private void expungeAll(Mailbox mb) {
        store.messages().expunge(mb.id(), UidSet.ALL, ExpungeMode.ALL_GIVEN, ORIGIN);
    }

    private static byte[] body(String subject) {
        return TestMailStores.message(subject, "body of " + subject);
    }

    @Test
    void expungedBodyIsCollectedOnlyAfterTheGracePeriod() throws Exception {
        byte[] message = body("expunged");
        DeliveryReceipt r = TestMailStores.deliver(store, message, a);
        String id = r.blobId();
        long before = blobs.totalBytes();
        assertThat(rows(FACTS_OF_BLOB, BlobKeys.key(id))).isEqualTo(1);

        expungeAll(inboxA);
        assertThat(candidate(id)).isTrue();
        assertThat(rows(FACTS_OF_BLOB, BlobKeys.key(id))).as("gone with the body row").isZero();

        BlobCollector.Collection early = gc().collectNow(Instant.now());
        assertThat(early.collected()).isZero();
        assertThat(file(id)).exists();

        BlobCollector.Collection run = gc().collectNow(later());
        assertThat(run.collected()).isEqualTo(1);
        assertThat(run.bytes()).isEqualTo(message.length);
        assertThat(file(id)).doesNotExist();
        assertThat(blobs.exists(id)).isFalse();
        assertThat(candidate(id)).isFalse();
        assertThat(blobs.totalBytes()).isEqualTo(before - message.length);
        assertThat(registry.get("tern.store.blobs.collected").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("tern.store.blobs.collected.bytes").counter().count())
                .isEqualTo((double) message.length);
    }

    @Test
    void bodySharedByTwoMessagesSurvivesTheExpungeOfOne() throws Exception {
        byte[] message = body("shared");
        String id = TestMailStores.deliver(store, message, a, b).blobId();
        // A copy inside a's account, then the original goes: the copy still holds the body.
        Mailbox archive = store.mailboxes().create(a.id(), "Keep", Set.of());
        store.messages().copy(inboxA.id(), UidSet.ALL, archive.id(), ORIGIN);

        expungeAll(inboxA);
        assertThat(candidate(id)).isFalse();
        expungeAll(archive);
        assertThat(candidate(id)).as("b's INBOX still refers to it").isFalse();

        assertThat(gc().collectNow(later()).collected()).isZero();
        Mailbox inboxB = store.mailboxes().find(b.id(), "INBOX").orElseThrow();
        String stored = store.messages().list(inboxB.id(), UidSet.ALL).get(0).blobId();
        try (InputStream in = store.blobs().open(stored)) {
            assertThat(in.readAllBytes()).isEqualTo(message);
        }
    }

    @Test
    void moveKeepsTheBodyAndRecordsNothing() {
        String id = TestMailStores.deliver(store, body("moved"), a).blobId();
        Mailbox archive = store.mailboxes().create(a.id(), "Keep", Set.of());
        store.messages().move(inboxA.id(), UidSet.ALL, archive.id(), ORIGIN);
        assertThat(candidate(id)).isFalse();
        assertThat(gc().collectNow(later()).collected()).isZero();
        assertThat(blobs.exists(id)).isTrue();
    }

    @Test
    void mailboxDeleteRecordsTheBodiesOnlyItReferred() {
        Mailbox work = store.mailboxes().create(a.id(), "Work", Set.of());
        byte[] shared = body("in INBOX and Work");
        String sharedId = append(inboxA, shared);
        append(work, shared);
        String only1 = append(work, body("only in Work 1"));
        String only2 = append(work, body("only in Work 2"));

        store.mailboxes().delete(a.id(), "Work");

        assertThat(candidate(only1)).isTrue();
        assertThat(candidate(only2)).isTrue();
        // Appended twice: two body rows. Work's goes, so its blob is a candidate; INBOX's row keeps the file.
        BlobCollector.Collection run = gc().collectNow(later());
        assertThat(run.collected()).isEqualTo(2);
        assertThat(blobs.exists(only1)).isFalse();
        assertThat(blobs.exists(only2)).isFalse();
        assertThat(blobs.exists(sharedId)).isTrue();
    }

    @Test
    void mailboxWithChildrenBecomingNoselectRecordsItsBodies() {
        Mailbox work = store.mailboxes().create(a.id(), "Work", Set.of());
        store.mailboxes().create(a.id(), "Work/Sub", Set.of());
        String id = append(work, body("parent"));
        store.mailboxes().delete(a.id(), "Work");
        assertThat(candidate(id)).isTrue();
    }

    @Test
    void accountRemovalRecordsItsBodiesButNotSharedOnes() {
        String shared = TestMailStores.deliver(store, body("to both"), a, b).blobId();
        String onlyB = TestMailStores.deliver(store, body("only b"), b).blobId();
        Mailbox bArchive = store.mailboxes().create(b.id(), "Keep", Set.of());
        String onlyBArchive = append(bArchive, body("b archive"));

        store.directory().removeAccount("b@example.org", false);

        assertThat(candidate(onlyB)).isTrue();
        assertThat(candidate(onlyBArchive)).isTrue();
        assertThat(candidate(shared)).isFalse();
        assertThat(gc().collectNow(later()).collected()).isEqualTo(2);
        assertThat(blobs.exists(shared)).isTrue();
    }

    @Test
    void removedQueueEntryRecordsItsBody() {
        DeliveryReceipt r = store.messages().deliver(new Delivery(TestMailStores.incoming(store, body("remote")),
                "a@example.org", List.of(), List.of(new Delivery.RemoteRecipient("x@remote.example", null, null)),
                Delivery.DsnRequest.NONE));
        assertThat(candidate(r.blobId())).isFalse();
        store.queue().remove(r.queueEntryId());
        assertThat(candidate(r.blobId())).isTrue();
        assertThat(gc().collectNow(later()).collected()).isEqualTo(1);
    }

    @Test
    void bodyDeliveredAgainAfterBecomingACandidateIsKept() throws Exception {
        byte[] message = body("again");
        String id = TestMailStores.deliver(store, message, a).blobId();
        expungeAll(inboxA);
        assertThat(candidate(id)).isTrue();

        assertThat(TestMailStores.deliver(store, message, b).blobId()).isEqualTo(id);
        BlobCollector.Collection run = gc().collectNow(later());
        assertThat(run.collected()).isZero();
        assertThat(run.stillReferenced()).isEqualTo(1);
        assertThat(candidate(id)).as("dropped: the next removal records it again").isFalse();
        try (InputStream in = blobs.open(id)) {
            assertThat(in.readAllBytes()).isEqualTo(message);
        }
    }

    @Test
    void bodyDeliveredAgainDuringARunOfSeveralBatchesIsKept() throws Exception {
        java.util.TreeMap<String, byte[]> contents = new java.util.TreeMap<>();
        for (int i = 0; i < 250; i++) { // three batches of candidates
            byte[] m = body("batch " + i);
            contents.put(append(inboxA, m), m);
        }
        expungeAll(inboxA);
        String last = contents.lastKey(); // collected in the last batch, by blob id order
        java.util.concurrent.atomic.AtomicBoolean again = new java.util.concurrent.atomic.AtomicBoolean();
        gc().beforeUnlink(id -> {
            if (again.compareAndSet(false, true)) {
                TestMailStores.deliver(store, contents.get(last), b); // after the run's scan of body rows
            }
        });
        BlobCollector.Collection run = gc().collectNow(later());
        assertThat(run.collected()).isEqualTo(249);
        try (InputStream in = blobs.open(last)) {
            assertThat(in.readAllBytes()).isEqualTo(contents.get(last));
        }
    }

    @Test
    void twoTransactionsDroppingTheLastTwoReferencesAtOnceStillRecordTheBody() throws Exception {
        String id = TestMailStores.deliver(store, body("two at once"), a, b).blobId();
        Mailbox inboxB = store.mailboxes().find(b.id(), "INBOX").orElseThrow();
        CountDownLatch firstDeleted = new CountDownLatch(1);
        // Writers run one at a time, so the second starts its check only after the first committed and sees that
        // no message row refers to the body any more; the first saw the second's row and recorded nothing.
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> store.database().write("t1", tx -> {
            List<Long> bodies = BodyRows.where(tx, "mailbox_id = ?", inboxA.id());
            tx.update("DELETE FROM message_rows WHERE mailbox_id = ?", inboxA.id());
            BodyRows.release(tx, bodies);
            firstDeleted.countDown();
            try {
                Thread.sleep(200); // the second transaction is waiting to start now
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            await(firstDeleted);
            store.database().write("t2", tx -> {
                List<Long> bodies = BodyRows.where(tx, "mailbox_id = ?", inboxB.id());
                tx.update("DELETE FROM message_rows WHERE mailbox_id = ?", inboxB.id());
                BodyRows.release(tx, bodies);
                return null;
            });
        });
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        assertThat(candidate(id)).as("recorded by whichever removal was last").isTrue();
    }

    @Test
    void pinnedBodyIsNotCollectedUntilThePinIsReleased() throws Exception {
        byte[] message = body("pinned");
        String id = TestMailStores.deliver(store, message, a).blobId();
        expungeAll(inboxA);

        // As a delivery between persist and commit.
        FileBlobStore.Pin pin = blobs.persist((org.tern.store.blob.FileIncomingMessage)
                TestMailStores.incoming(store, message));
        try {
            BlobCollector.Collection run = gc().collectNow(later());
            assertThat(run.collected()).isZero();
            assertThat(run.pinned()).isEqualTo(1);
            assertThat(file(id)).exists();
            assertThat(candidate(id)).isTrue();
        } finally {
            pin.close();
        }
        assertThat(gc().collectNow(later()).collected()).isEqualTo(1);
        assertThat(file(id)).doesNotExist();
    }

    @Test
    void deliveryRacingTheUnlinkWritesTheBodyAnew() throws Exception {
        byte[] message = body("race");
        String id = TestMailStores.deliver(store, message, a).blobId();
        expungeAll(inboxA);

        CountDownLatch proceed = new CountDownLatch(1);
        CompletableFuture<BlobCollector.Collection> collecting = collectPausedBeforeUnlink(proceed);
        // The collector committed the removal of the candidate and holds the stripe: the delivery of the same
        // body waits in persist (the file still exists; without the lock it would skip writing it).
        CompletableFuture<DeliveryReceipt> delivering =
                CompletableFuture.supplyAsync(() -> TestMailStores.deliver(store, message, b));
        Thread.sleep(200);
        assertThat(delivering).isNotDone();
        proceed.countDown();

        assertThat(collecting.get(30, TimeUnit.SECONDS).collected()).isEqualTo(1);
        DeliveryReceipt r = delivering.get(30, TimeUnit.SECONDS);
        assertThat(r.blobId()).isEqualTo(id);
        assertThat(file(id)).exists();
        try (InputStream in = blobs.open(id)) {
            assertThat(in.readAllBytes()).isEqualTo(message);
        }
        gc().beforeUnlink(null);
        assertThat(gc().collectNow(later()).collected()).isZero();
        assertThat(blobs.exists(id)).isTrue();
    }

    @Test
    void fullScanFindsOldUnreferencedFilesOnly() throws Exception {
        String referenced = TestMailStores.deliver(store, body("kept"), a).blobId();
        Files.setLastModifiedTime(file(referenced), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        String old = writeBlob("never committed, old", Instant.now().minus(Duration.ofDays(2)));
        String young = writeBlob("never committed, young", Instant.now());

        BlobCollector.Scan scan = gc().scanNow(Instant.now());
        assertThat(scan.files()).isEqualTo(3);
        assertThat(scan.recorded()).isEqualTo(1);
        assertThat(candidate(old)).isTrue();
        assertThat(candidate(young)).isFalse();
        assertThat(candidate(referenced)).isFalse();

        assertThat(gc().collectNow(Instant.now()).collected()).as("a grace period after the scan").isZero();
        assertThat(gc().collectNow(later()).collected()).isEqualTo(1);
        assertThat(file(old)).doesNotExist();
        assertThat(file(young)).exists();
        assertThat(file(referenced)).exists();
    }

    @Test
    void fullScanReadsTheOlderNestedLayout() throws Exception {
        byte[] content = "Subject: nested\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        String id = sha256(content);
        Path nested = dir.resolve("blobs").resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
        Files.createDirectories(nested.getParent());
        Files.write(nested, content);
        Files.setLastModifiedTime(nested, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        assertThat(gc().scanNow(Instant.now()).recorded()).isEqualTo(1);
        assertThat(gc().collectNow(Instant.now()).collected()).as("a grace period after the scan").isZero();
        assertThat(gc().collectNow(later()).collected()).isEqualTo(1);
        assertThat(nested).doesNotExist();
    }

    @Test
    void closeWhileTheBackgroundCollectorRunsIsClean() throws Exception {
        store.close();
        registry = new SimpleMeterRegistry();
        Set<Thread> before = gcThreads();
        open(MailStoreConfig.forTests(dir).withBlobGc(new MailStoreConfig.BlobGc(Duration.ofMillis(5),
                Duration.ZERO, Duration.ofMillis(5), Duration.ZERO)));
        Set<Thread> mine = new java.util.HashSet<>(gcThreads());
        mine.removeAll(before);
        assertThat(mine).hasSize(1);
        for (int i = 0; i < 30; i++) {
            TestMailStores.deliver(store, body("churn " + i), a);
            expungeAll(inboxA);
        }
        store.close();
        assertThat(mine).allMatch(t -> !t.isAlive());
        // Reopens fine; the collector caught up or left candidates for later.
        open(MailStoreConfig.forTests(dir));
        assertThat(store.isHealthy()).isTrue();
    }

    @Test
    void closeWaitsForADirectRunPausedBeforeItsUnlink() throws Exception {
        String id = TestMailStores.deliver(store, body("closing"), a).blobId();
        expungeAll(inboxA);
        CountDownLatch proceed = new CountDownLatch(1);
        CompletableFuture<BlobCollector.Collection> collecting = collectPausedBeforeUnlink(proceed);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(store::close);
        Thread.sleep(100);
        proceed.countDown();
        closing.get(30, TimeUnit.SECONDS);
        assertThat(collecting.get(30, TimeUnit.SECONDS).collected()).isEqualTo(1);
        assertThat(file(id)).doesNotExist();
        open(MailStoreConfig.forTests(dir));
        assertThat(candidate(id)).isFalse();
    }

    @Test
    void deletingALargeMailboxRecordsEveryBodyInChunks() {
        Mailbox big = store.mailboxes().create(a.id(), "Big", Set.of());
        int n = 2_345; // several IN-list chunks; rows inserted directly, the blob files need not exist for this
        store.database().write("test_fill", tx -> {
            try (var body = tx.connection().prepareStatement("INSERT INTO bodies (body_id, blob_id) VALUES (?, ?)");
                 var ps = tx.connection().prepareStatement("INSERT INTO message_rows (msg_key, mailbox_id, uid,"
                    + " modseq, flags, keywords, internal_date, size, blob_id, seen, body_id)"
                    + " VALUES (?, ?, ?, 1, 0, NULL, 0, 10, ?, FALSE, ?)")) {
                for (int uid = 1; uid <= n; uid++) {
                    body.setLong(1, 1_000_000 + uid);
                    body.setBytes(2, BlobKeys.key(String.format("%064x", uid)));
                    body.addBatch();
                    ps.setLong(1, MessageRows.key(big.id(), uid));
                    ps.setLong(2, big.id());
                    ps.setLong(3, uid);
                    ps.setBytes(4, BlobKeys.key(String.format("%064x", uid)));
                    ps.setLong(5, 1_000_000 + uid);
                    ps.addBatch();
                }
                body.executeBatch();
                ps.executeBatch();
            }
            tx.update("UPDATE mailboxes SET message_count = ?, size_bytes = ? WHERE id = ?", n, 10L * n, big.id());
            tx.update("UPDATE accounts SET message_count = message_count + ?, used_bytes = used_bytes + ?"
                    + " WHERE id = ?", n, 10L * n, a.id());
            return null;
        });
        // One body row is also referred to from INBOX (a copy): it must not become a candidate.
        store.database().write("test_share", tx -> tx.update("INSERT INTO message_rows (msg_key, mailbox_id, uid,"
                + " modseq, flags, keywords, internal_date, size, blob_id, seen, body_id)"
                + " VALUES (?, ?, 1, 1, 0, NULL, 0, 10, ?, FALSE, ?)", MessageRows.key(inboxA.id(), 1),
                inboxA.id(), BlobKeys.key(String.format("%064x", 7)), 1_000_007L));

        store.mailboxes().delete(a.id(), "Big");

        assertThat(rows("SELECT COUNT(*) FROM blob_orphans")).isEqualTo(n - 1);
        assertThat(candidate(String.format("%064x", 7))).isFalse();
    }

    @Test
    void concurrentDeliveriesExpungesAndCollectionsNeverLoseABody() throws Exception {
        byte[][] contents = new byte[3][];
        for (int i = 0; i < contents.length; i++) {
            contents[i] = body("contended " + i);
        }
        Mailbox inboxB = store.mailboxes().find(b.id(), "INBOX").orElseThrow();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<Integer> collector = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            while (!done.get()) {
                n += gc().collectNow(later()).collected(); // grace period passed for every candidate
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            return n;
        });
        List<CompletableFuture<Void>> workers = new java.util.ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int seed = w;
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 25; i++) {
                    byte[] m = contents[(seed + i) % contents.length];
                    if (i % 2 == 0) {
                        TestMailStores.deliver(store, m, seed == 0 ? a : b);
                    } else {
                        store.messages().append((seed == 0 ? inboxA : inboxB).id(),
                                TestMailStores.incoming(store, m), Flags.NONE, Instant.now(), ORIGIN);
                    }
                    if (i % 3 == 2) {
                        expungeAll(seed == 0 ? inboxA : inboxB);
                    }
                }
            }));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        done.set(true);
        assertThat(collector.get(60, TimeUnit.SECONDS)).as("the collector did delete bodies meanwhile").isPositive();

        for (Mailbox mb : List.of(inboxA, inboxB)) {
            for (var meta : store.messages().list(mb.id(), UidSet.ALL)) {
                try (InputStream in = blobs.open(meta.blobId())) {
                    assertThat(in.readAllBytes()).hasSize((int) meta.size());
                }
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String append(Mailbox mb, byte[] message) {
        store.messages().append(mb.id(), TestMailStores.incoming(store, message), Flags.NONE, Instant.now(), ORIGIN);
        var rows = store.messages().list(mb.id(), UidSet.ALL);
        return rows.get(rows.size() - 1).blobId();
    }

    private String writeBlob(String text, Instant mtime) throws Exception {
        byte[] content = text.getBytes(StandardCharsets.US_ASCII);
        String id = sha256(content);
        Files.write(file(id), content);
        Files.setLastModifiedTime(file(id), FileTime.from(mtime));
        return id;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static Set<Thread> gcThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("tern-store-blob-gc") && t.isAlive())
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Starts a collection that stops just before its first unlink until {@code proceed}; returns once it is there. */
    private CompletableFuture<BlobCollector.Collection> collectPausedBeforeUnlink(CountDownLatch proceed)
            throws InterruptedException {
        CountDownLatch atUnlink = new CountDownLatch(1);
        gc().beforeUnlink(blobId -> {
            atUnlink.countDown();
            try {
                proceed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<BlobCollector.Collection> collecting =
                CompletableFuture.supplyAsync(() -> gc().collectNow(later()));
        assertThat(atUnlink.await(30, TimeUnit.SECONDS)).isTrue();
        return collecting;
    }
}
