package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.testing.TestMailStores;

/**
 * kill -9 while delivering: every acknowledged delivery survives exactly once, with its exact bytes, and every
 * counter equals its rows ({@link CrashInvariants}). A failure lists every broken invariant with the rows, ids and
 * log lines involved and keeps the database as killed under {@code target/crash-evidence/}. For many rounds and
 * more kinds of writes, run {@link CrashLoopCheck}.
 */
class CrashTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgedDeliveriesSurviveSigkill() throws Exception {
        Path data = dir.resolve("data");
        Path side = dir.resolve("acked.txt");
        Files.createFile(side);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashDeliverer.class.getName(), data.toString(), side.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.readAllLines(side).size() < 10 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(50);
            }
            // a second process cannot open the store while the child has it open, and must not disturb it
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestMailStores.open(data))
                    .isInstanceOf(org.tern.store.StoreUnavailableException.class);
            Thread.sleep(2000);
        } finally {
            child.destroyForcibly(); // SIGKILL on Unix
            child.waitFor(30, TimeUnit.SECONDS);
        }
        List<String> acked = CrashInvariants.readLog(side);
        Path childLog = dir.resolve("child.log");
        assertThat(acked).as("child log: " + Files.readString(childLog)).hasSizeGreaterThan(5);

        // Every invariant, all violations at once; on failure the evidence stays in target/crash-evidence/.
        Path snapshot = dir.resolve("db-as-killed");
        CrashInvariants.snapshotDatabase(data, snapshot);
        CrashInvariants.Result r = CrashInvariants.check(data, store -> CrashInvariants.Expected.legacy(acked,
                List.of(inbox(store, "a@example.org"), inbox(store, "b@example.org"))), CrashDeliverer::body);
        if (!r.ok()) {
            String report = "kill -9 left the store inconsistent (" + acked.size() + " acknowledged ids):\n"
                    + String.join("\n", r.violations()) + "\n\n" + r.details() + "\nchild log:\n"
                    + CrashInvariants.tail(childLog, 5_000);
            Path kept = Path.of("target", "crash-evidence", "CrashTest-" + System.currentTimeMillis())
                    .toAbsolutePath();
            CrashInvariants.keepEvidence(data, snapshot, kept, report, side, childLog);
            throw new AssertionError(report + "\nevidence (database as killed, data dir, logs): " + kept);
        }
        try (MailStore store = TestMailStores.open(data)) {
            assertThat(Files.list(data.resolve("tmp")).count()).isZero();
        }
    }

    private static long inbox(MailStore store, String address) {
        Account acc = store.directory().account(address).orElseThrow();
        Mailbox inbox = store.mailboxes().find(acc.id(), "INBOX").orElseThrow();
        return inbox.id();
    }
}
