package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in kill -9 loop (not matched by surefire's default patterns, so the normal build skips it):
 * {@code mvn -B -q -pl mailstore test -Dtest=CrashLoopCheck -Dsurefire.failIfNoSpecifiedTests=false
 * -Dcrash.rounds=N}. Each round runs {@link CrashWorkload} in a child JVM on a fresh data dir, SIGKILLs it after a
 * random 0.3-3 s, reopens the store and checks every invariant ({@link CrashInvariants}). A violation keeps the
 * database as killed, the data dir and the logs under {@code target/crash-evidence/}.
 *
 * <p>Properties: {@code crash.rounds} (default 0: skipped, so -Dtest=Crash* stays quick), {@code crash.load} = none | all | every-Nth round with a CPU
 * burner (default 3: every third round), {@code crash.seed}, {@code crash.minMs}/{@code crash.maxMs}.
 */
class CrashLoopCheck {

    @TempDir
    Path dir;

    @Test
    void loop() throws Exception {
        int rounds = Integer.getInteger("crash.rounds", 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(rounds > 0);
        String load = System.getProperty("crash.load", "3");
        long seed = Long.getLong("crash.seed", System.nanoTime());
        int minMs = Integer.getInteger("crash.minMs", 300);
        int maxMs = Integer.getInteger("crash.maxMs", 3000);
        Random rnd = new Random(seed);
        Path evidence = Path.of("target", "crash-evidence").toAbsolutePath();
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        int legacyRounds = 0;
        int legacyEvery = Integer.getInteger("crash.legacyEvery", 4);
        long rows = 0;
        long acked = 0;
        long journaled = 0;
        long start = System.nanoTime();
        // A migrated store with the accounts, closed cleanly, copied into each round: saves the child's startup.
        Path template = dir.resolve("template");
        try (var store = org.tern.store.testing.TestMailStores.open(template)) {
            CrashWorkload.setUp(store);
        }
        for (int round = 1; round <= rounds; round++) {
            boolean burn = burnsBeside(load, round);
            loaded += burn ? 1 : 0;
            long roundSeed = rnd.nextLong();
            int killAfter = minMs + rnd.nextInt(Math.max(1, maxMs - minMs));
            Path rd = dir.resolve("r" + round);
            Path data = rd.resolve("data");
            Path side = rd.resolve("ops.log");
            Path childLog = rd.resolve("child.log");
            // every legacyEvery-th round runs CrashTest's own child (4 threads, every message to a and b)
            boolean legacy = legacyEvery > 0 && round % legacyEvery == 1 % legacyEvery;
            legacyRounds += legacy ? 1 : 0;
            if (legacy) {
                Files.createDirectories(data);
            } else {
                copyTree(template, data);
            }
            Files.createFile(side);
            List<Process> burners = burn ? startBurners() : List.of();
            Process child = new ProcessBuilder(javaBin(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    legacy ? CrashDeliverer.class.getName() : CrashWorkload.class.getName(), data.toString(),
                    side.toString(), Long.toString(roundSeed))
                    .redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!(legacy ? CrashInvariants.readLog(side).size() >= 10 : Files.readString(side).contains("READY"))
                        && child.isAlive()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(killAfter);
            } finally {
                killAll(child, burners);
            }
            List<String> lines = CrashInvariants.readLog(side);
            long journalBytes = journalBytes(data); // bodies the next open must replay
            journaled += journalBytes;
            Path snapshot = rd.resolve("db-as-killed");
            CrashInvariants.snapshotDatabase(data, snapshot);
            CrashInvariants.Result r;
            try {
                r = legacy
                        ? CrashInvariants.check(data, s -> CrashInvariants.Expected.legacy(lines, List.of(
                                inbox(s, "a@example.org"), inbox(s, "b@example.org"))), CrashDeliverer::body)
                        : CrashInvariants.check(data, s -> CrashInvariants.Expected.workload(lines),
                                CrashWorkload::body);
            } catch (Exception | AssertionError e) {
                r = new CrashInvariants.Result(List.of("check failed: " + e), "", 0);
            }
            long ackedOps = legacy ? lines.size() : lines.stream().filter(l -> !l.isEmpty() && Character.isUpperCase(l.charAt(0))).count();
            acked += ackedOps;
            rows += r.rows();
            if (journalBytes(data) != 0) {
                r = new CrashInvariants.Result(concat(r.violations(), "body journal not emptied by the clean close"),
                        r.details(), r.rows());
            }
            String summary = String.format("round %d%s%s kill@%dms seed=%d: %d acked ops, %d rows, %d journal bytes"
                    + " replayed, %s", round, legacy ? " (CrashDeliverer)" : "", burn ? " (loaded)" : "", killAfter,
                    roundSeed, ackedOps, r.rows(), journalBytes, r.ok() ? "ok" : r.violations().size() + " VIOLATIONS");
            System.out.println(summary);
            progress(summary);
            if (!r.ok()) {
                String report = summary + "\n" + String.join("\n", r.violations()) + "\n\n" + r.details()
                        + "\nchild log:\n" + CrashInvariants.tail(childLog, 20_000);
                System.out.println(report);
                Path kept = evidence.resolve("loop-" + System.currentTimeMillis() + "-r" + round);
                CrashInvariants.keepEvidence(data, snapshot, kept, report, side, childLog);
                System.out.println("evidence kept in " + kept);
                progress(String.join("\n", r.violations()));
                failures.add(summary + ": " + r.violations().get(0) + " (evidence " + kept + ")");
            }
            deleteTree(rd);
        }
        System.out.printf("CrashLoopCheck: %d rounds (%d with CPU load, %d CrashDeliverer), %d violating, %d acked ops, %d rows"
                + " checked, %d journal bytes replayed, %.0f s%n", rounds, loaded, legacyRounds, failures.size(), acked,
                rows, journaled, (System.nanoTime() - start) / 1e9);
        assertThat(failures).isEmpty();
    }

    /** Bytes in the body journal's segments (what an open replays; a clean close leaves none). */
    private static long journalBytes(Path data) throws IOException {
        Path journal = data.resolve("journal");
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        try (var files = Files.list(journal)) {
            long total = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(".log")) {
                    total += Files.size(p);
                }
            }
            return total;
        }
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    /**
     * {@code -Dcrash.h2rounds=N}: the same kill -9 loop on H2 alone ({@link CrashH2Probe}: concurrent transactions
     * each updating a counter and inserting a row), to tell an H2 recovery problem from one of ours.
     * {@code -Dcrash.h2threads}, {@code -Dcrash.h2url} (extra URL settings), {@code -Dcrash.h2serial} (one writing
     * transaction at a time) and {@code -Dcrash.h2fix} (through {@link HeaderCorrectingFilePath}) vary it.
     */
    @Test
    void h2Probe() throws Exception {
        int rounds = Integer.getInteger("crash.h2rounds", 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(rounds > 0);
        String threads = System.getProperty("crash.h2threads", "6");
        String extra = System.getProperty("crash.h2url", "");
        String load = System.getProperty("crash.load", "3");
        Random rnd = new Random(Long.getLong("crash.seed", System.nanoTime()));
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        Path evidence = Path.of("target", "crash-evidence").toAbsolutePath();
        // crash.h2reopen: every round starts from a database that already ran commits and was closed cleanly
        // (like a restarted server), instead of an empty new file.
        Path template = null;
        if (Boolean.getBoolean("crash.h2reopen")) {
            template = dir.resolve("h2template");
            Files.createDirectories(template);
            String turl = CrashH2Probe.url(template);
            CrashH2Probe.createSchema(turl, Integer.parseInt(threads));
            java.sql.Connection keep = java.sql.DriverManager.getConnection(turl, "sa", "");
            List<Thread> ws = CrashH2Probe.startWorkers(turl, Integer.parseInt(threads));
            Thread.sleep(1500);
            keep.createStatement().execute("SHUTDOWN IMMEDIATELY");
            for (Thread w : ws) {
                w.join(10_000);
            }
            // reopen and close cleanly (counters made equal to rows first: the template itself is not under test)
            try (var c = java.sql.DriverManager.getConnection(turl, "sa", ""); var st = c.createStatement()) {
                st.execute("UPDATE counters c SET n = (SELECT COUNT(*) FROM items i WHERE i.owner = c.id)");
            }
        }
        for (int round = 1; round <= rounds; round++) {
            boolean burn = burnsBeside(load, round);
            loaded += burn ? 1 : 0;
            int minMs = Integer.getInteger("crash.minMs", 300);
            int killAfter = minMs + rnd.nextInt(Math.max(1, Integer.getInteger("crash.maxMs", 3000) - minMs));
            Path rd = dir.resolve("h" + round);
            Files.createDirectories(rd);
            if (template != null) {
                Files.copy(template.resolve("probe.mv.db"), rd.resolve("probe.mv.db"));
            }
            Path side = rd.resolve("acks.log");
            Files.createFile(side);
            List<Process> burners = burn ? startBurners() : List.of();
            Process child = new ProcessBuilder(javaBin(), "-Xmx256m",
                    "-Dcrash.h2fix=" + Boolean.getBoolean("crash.h2fix"),
                    "-Dcrash.h2serial=" + Boolean.getBoolean("crash.h2serial"),
                    "-cp", System.getProperty("java.class.path"),
                    CrashH2Probe.class.getName(), rd.toString(), side.toString(), "0", threads, extra)
                    .redirectErrorStream(true).redirectOutput(rd.resolve("child.log").toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.readString(side).contains("READY") && child.isAlive()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                // crash.h2acks=K: kill once 1..K commits were acknowledged (the first commits after a reopen)
                int acks = Integer.getInteger("crash.h2acks", 0);
                if (acks > 0) {
                    int want = 1 + rnd.nextInt(acks);
                    while (CrashInvariants.readLog(side).size() - 1 < want && child.isAlive()
                            && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                } else {
                    Thread.sleep(killAfter);
                }
            } finally {
                killAll(child, burners);
            }
            List<String> lines = CrashInvariants.readLog(side);
            Path snapshot = rd.resolve("db-as-killed");
            Files.createDirectories(snapshot);
            for (String f : new String[] {"probe.mv.db"}) {
                Files.copy(rd.resolve(f), snapshot.resolve(f));
            }
            List<String> v;
            try {
                v = CrashH2Probe.check(rd, lines);
            } catch (Exception e) {
                v = List.of("check failed: " + e);
            }
            String summary = String.format("h2 round %d%s kill@%dms: %d commits acked, %s", round,
                    burn ? " (loaded)" : "", killAfter, lines.size() - 1, v.isEmpty() ? "ok" : v.toString());
            System.out.println(summary);
            progress(summary);
            if (!v.isEmpty()) {
                Path kept = evidence.resolve("h2-" + System.currentTimeMillis() + "-r" + round);
                Files.createDirectories(kept);
                Files.copy(snapshot.resolve("probe.mv.db"), kept.resolve("probe-as-killed.mv.db"));
                Files.copy(rd.resolve("probe.mv.db"), kept.resolve("probe-after-reopen.mv.db"));
                Files.copy(side, kept.resolve("acks.log"));
                Files.writeString(kept.resolve("report.txt"), summary + "\n");
                failures.add(summary + " (evidence " + kept + ")");
            }
            deleteTree(rd);
        }
        String total = String.format("h2Probe: %d rounds (%d with CPU load), %d violating", rounds, loaded,
                failures.size());
        System.out.println(total);
        progress(total);
        assertThat(failures).isEmpty();
    }

    /**
     * {@code -Dcrash.snapshots=N}: kill -9 without killing. While {@link CrashH2Probe}'s workers commit in this JVM,
     * another thread copies the first {@code length()} bytes of the database file every few ms: each copy holds
     * exactly what a kill at that moment would leave (H2 appends chunks; freed space is not reused within the
     * retention time). Each copy is then opened (recovered) and its counters compared with its rows.
     */
    @Test
    void h2Snapshots() throws Exception {
        int wanted = Integer.getInteger("crash.snapshots", 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(wanted > 0);
        int threads = Integer.getInteger("crash.h2threads", 6);
        String extra = System.getProperty("crash.h2url", "");
        Path live = dir.resolve("live");
        Files.createDirectories(live);
        String url = CrashH2Probe.url(live) + extra;
        CrashH2Probe.createSchema(url, threads);
        java.sql.Connection keep = java.sql.DriverManager.getConnection(url, "sa", "");
        List<Thread> workers = CrashH2Probe.startWorkers(url, threads);
        Thread.sleep(300);
        List<Path> snaps = new ArrayList<>();
        Random rnd = new Random();
        Path file = live.resolve("probe.mv.db");
        for (int i = 0; i < wanted; i++) {
            Thread.sleep(1 + rnd.nextInt(15));
            Path snap = dir.resolve("s" + i);
            Files.createDirectories(snap);
            try (var in = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ);
                 var out = java.nio.channels.FileChannel.open(snap.resolve("probe.mv.db"),
                         java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                long len = in.size();
                long done = 0;
                while (done < len) {
                    done += in.transferTo(done, len - done, out);
                }
            }
            snaps.add(snap);
        }
        keep.createStatement().execute("SHUTDOWN IMMEDIATELY");
        for (Thread w : workers) {
            w.join(10_000);
        }
        List<String> failures = new ArrayList<>();
        Path evidence = Path.of("target", "crash-evidence").toAbsolutePath();
        for (Path snap : snaps) {
            Path copy = snap.resolve("as-copied.mv.db");
            Files.copy(snap.resolve("probe.mv.db"), copy);
            List<String> v;
            try {
                v = CrashH2Probe.check(snap, List.of());
            } catch (Exception e) {
                v = List.of("open failed: " + e);
            }
            if (!v.isEmpty()) {
                Path kept = evidence.resolve("snap-" + System.currentTimeMillis() + "-" + snap.getFileName());
                Files.createDirectories(kept);
                Files.copy(copy, kept.resolve("probe-as-copied.mv.db"));
                Files.writeString(kept.resolve("report.txt"), v.toString());
                failures.add(snap.getFileName() + ": " + v + " (evidence " + kept + ")");
                progress(snap.getFileName() + ": " + v);
            }
            deleteTree(snap);
        }
        String total = String.format("h2Snapshots: %d copies (%d threads%s), %d violating", snaps.size(), threads,
                extra, failures.size());
        System.out.println(total + "\n" + String.join("\n", failures));
        progress(total);
        assertThat(failures).isEmpty();
    }

    /** Appends a line to target/crash-loop.log (surefire shows test output only once the test ended). */
    static void progress(String line) {
        try {
            Files.writeString(Path.of("target", "crash-loop.log"), line + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException ignored) {
            // progress only
        }
    }

    /** {@code -Dcrash.selftest=true}: a counter off by one (the CrashTest failure) must be reported as such. */
    @Test
    void checkerReportsCounterDrift() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("crash.selftest"));
        Path data = dir.resolve("selftest");
        Path side = dir.resolve("selftest.log");
        Files.createFile(side);
        Process child = new ProcessBuilder(javaBin(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashWorkload.class.getName(), data.toString(), side.toString(), "7").redirectErrorStream(true)
                .redirectOutput(dir.resolve("selftest.out").toFile()).start();
        while (CrashInvariants.readLog(side).stream().filter(l -> l.startsWith("D ")).count() < 20 && child.isAlive()) {
            Thread.sleep(20);
        }
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath()
                .resolve("db").resolve("tern"), "sa", ""); var st = c.createStatement()) {
            st.executeUpdate("UPDATE accounts SET message_count = message_count - 1 WHERE address = 'a@example.org'");
        }
        List<String> lines = CrashInvariants.readLog(side);
        CrashInvariants.Result r = CrashInvariants.check(data, s -> CrashInvariants.Expected.workload(lines),
                CrashWorkload::body);
        System.out.println(r.violations() + "\n" + r.details());
        assertThat(r.violations()).anyMatch(v -> v.startsWith("account ") && v.contains("a@example.org"));
    }

    private static long inbox(org.tern.store.MailStore s, String address) {
        return s.mailboxes().find(s.directory().account(address).orElseThrow().id(), "INBOX").orElseThrow().id();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Two busy processes for the length of one round (the one CrashTest failure happened at load ~25). */
    private static List<Process> startBurners() throws Exception {
        List<Process> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            out.add(new ProcessBuilder("sh", "-c", "exec yes > /dev/null").start());
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (var all = Files.walk(p)) {
            for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** SIGKILLs the child (Process.destroyForcibly on Unix), then stops the CPU burners. */
    private static void killAll(Process child, List<Process> burners) throws InterruptedException {
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
        for (Process b : burners) {
            b.destroyForcibly();
            b.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** {@code -Dcrash.load}: "none", "all", or N for CPU burners beside every N-th round. */
    private static boolean burnsBeside(String load, int round) {
        return switch (load) {
            case "none" -> false;
            case "all" -> true;
            default -> round % Integer.parseInt(load) == 0;
        };
    }
}
