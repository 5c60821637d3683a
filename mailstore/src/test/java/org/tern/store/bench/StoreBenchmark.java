package org.tern.store.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.tern.store.Account;
import org.tern.store.Delivery;
import org.tern.store.FlagOperation;
import org.tern.store.Flags;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.Origin;
import org.tern.store.UidSet;
import org.tern.store.testing.TestMailStores;

/**
 * Store benchmark: durable 4 KiB deliveries/s (1 and 8 threads, 1 and 10 recipients), flag stores/s with p50/p99,
 * metadata reads of 10,000 and 100,000-message mailboxes, and the disk's raw fsync rate for comparison.
 * Run with {@code mvn -B -pl mailstore -Pbench test} (or as a plain main); prints a Markdown table.
 * Not part of the normal test run (the class name does not match surefire's default patterns).
 */
public class StoreBenchmark {

    private static final int SECONDS = Integer.getInteger("bench.seconds", 8);
    /** Comma list of parts to run: fsync, deliver, flags, read (default all). */
    private static final String PARTS = System.getProperty("bench.parts", "fsync,deliver,flags,read");
    /**
     * Seconds of unreported deliveries first, so the JIT has compiled the hot paths (as in a running server): at 2
     * cores C2 was still busy 35 s into a run, taking a third of the CPU samples at 20-30 s.
     */
    private static final int WARMUP = Integer.getInteger("bench.warmup", 45);
    /** Delivery runs as threads x recipients. */
    private static final String DELIVERIES = System.getProperty("bench.deliveries", "1x1,8x1,1x10,8x10");
    /** Keeps the run's directory (A/B series: deleting it would slow the file creation of the next run). */
    private static final boolean KEEP = Boolean.getBoolean("bench.keep");
    private final StringBuilder report = new StringBuilder();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    public static void main(String[] args) throws Exception {
        new StoreBenchmark().run(args.length > 0 ? Path.of(args[0]) : Path.of("target", "bench-data"));
    }

    @Test
    void benchmark() throws Exception {
        run(Path.of("target", "bench-data"));
    }

    /**
     * Runs in a new directory under {@code base} and deletes it at the end, not at the start of the next run: ext4
     * without a journal passes over inodes freed in the last 60 s (300 s while their table block is dirty) when it
     * creates a file, and a run right after deleting the last run's tens of thousands of blob files spent most of
     * its system time doing so.
     */
    void run(Path base) throws Exception {
        Path runDir = base.resolve("run-" + System.currentTimeMillis());
        Files.createDirectories(runDir);
        try {
            runIn(runDir);
        } finally {
            if (!KEEP) {
                deleteTree(runDir);
            }
        }
    }

    private void runIn(Path base) throws Exception {
        line("| Measurement | Result |");
        line("|---|---|");
        if (PARTS.contains("fsync")) {
            fsyncRate(base);
        }
        try (MailStore store = TestMailStores.open(base.resolve("store"), registry)) {
            List<Account> accounts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                accounts.add(TestMailStores.account(store, "user" + i + "@bench.test", "pw"));
            }
            if (PARTS.contains("deliver")) {
                if (WARMUP > 0) {
                    deliveries(store, accounts, 8, 1, WARMUP, false); // JIT warm-up, not reported
                }
                for (String combo : DELIVERIES.split(",")) {
                    String[] tr = combo.trim().split("x");
                    deliveries(store, accounts, Integer.parseInt(tr[0]), Integer.parseInt(tr[1]), SECONDS, true);
                }
            }
            Account reader = TestMailStores.account(store, "reader@bench.test", "pw");
            Mailbox big = fill(store, reader, 10_000);
            metadata(store, big, "10,000");
            if (PARTS.contains("flags")) {
                flagStores(store, big, 1);
                flagStores(store, big, 8);
            }
            if (!PARTS.contains("read")) {
                return;
            }
            Mailbox huge = store.mailboxes().create(reader.id(), "Huge", Set.of());
            for (int i = 0; i < 10; i++) {
                store.messages().copy(big.id(), UidSet.ALL, huge.id(), Origin.SYSTEM);
            }
            metadata(store, huge, "100,000");
        }
        System.out.println();
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark.md"), report.toString());
    }

    private void line(String s) {
        report.append(s).append('\n');
        System.out.println(s);
    }

    /**
     * Raw disk: 4 KiB write + fsync, blob-style create + write + fsync + rename + directory fsync, and the ceiling
     * the delivery path's two chained group syncs leave for 8 threads ({@link #chainedGroupSyncs}).
     */
    private void fsyncRate(Path base) throws IOException, InterruptedException {
        Path f = base.resolve("fsync-probe");
        ByteBuffer buf = ByteBuffer.allocate(4096);
        long n = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            while (System.nanoTime() < end) {
                buf.clear();
                ch.write(buf, 0);
                ch.force(false);
                n++;
            }
        }
        line(String.format(Locale.ROOT, "| raw fsync (4 KiB overwrite + fdatasync), 1 thread | %,.0f /s |", n / 3.0));
        Path dir = base.resolve("blobprobe");
        Files.createDirectories(dir);
        n = 0;
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < end) {
            Path tmp = base.resolve("t" + n);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                buf.clear();
                ch.write(buf);
                ch.force(true);
            }
            Files.move(tmp, dir.resolve("b" + n), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
            n++;
        }
        line(String.format(Locale.ROOT, "| blob write (create + 4 KiB + fsync + rename + dir fsync), 1 thread | %,.0f /s |",
                n / 3.0));
        chainedGroupSyncs(base);
        // dir stays until the run's end: deleting its files now would slow the deliveries' file creation (see run)
        Files.deleteIfExists(f);
    }

    private static byte[] message4k(long seq) {
        StringBuilder sb = new StringBuilder(4200);
        sb.append("From: bench@bench.test\r\nTo: user0@bench.test\r\nSubject: bench ").append(seq)
                .append("\r\nMessage-ID: <").append(seq).append(".").append(System.nanoTime()).append("@bench>\r\n\r\n");
        while (sb.length() < 4096 - 2) {
            sb.append("x");
            if (sb.length() % 76 == 0) {
                sb.append("\r\n");
            }
        }
        sb.setLength(4094);
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void deliveries(MailStore store, List<Account> accounts, int threads, int recipients, int seconds,
                            boolean report) throws Exception {
        List<Long> ids = accounts.subList(0, recipients).stream().map(Account::id).toList();
        AtomicLong seq = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long[][] latencies = new long[threads][];
        long stop = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            ts[t] = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < stop) {
                    byte[] body = message4k(seq.incrementAndGet());
                    long s = System.nanoTime();
                    store.messages().deliver(new Delivery(TestMailStores.incoming(store, body), "bench@bench.test",
                            ids, List.of(), Delivery.DsnRequest.NONE));
                    if (n < lat.length) {
                        lat[n++] = System.nanoTime() - s;
                    }
                    done.incrementAndGet();
                }
                latencies[thread] = Arrays.copyOf(lat, n);
            });
        }
        long start = System.nanoTime();
        long cpu0 = processCpuNanos();
        long machine0 = machineBusyTicks();
        long writer0 = threadCpuNanos(WRITER_THREAD);
        DistributionSummary units = registry.find("tern.store.combined.units").summary();
        long commits0 = units == null ? 0 : units.count();
        double units0 = units == null ? 0 : units.totalAmount();
        double written0 = dbWrittenBytes();
        for (Thread t : ts) {
            t.start();
        }
        long[] perSecond = countPerSecond(done, start, stop);
        for (Thread t : ts) {
            t.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double cpuMs = (processCpuNanos() - cpu0) / 1e6 / Math.max(1, done.get());
        double machineMs = (machineBusyTicks() - machine0) * 10.0 / Math.max(1, done.get()); // USER_HZ = 100
        double writerMs = (threadCpuNanos(WRITER_THREAD) - writer0) / 1e6 / Math.max(1, done.get());
        double perCommit = units == null ? 0
                : (units.totalAmount() - units0) / Math.max(1, units.count() - commits0);
        double writtenKb = (dbWrittenBytes() - written0) / 1024.0 / Math.max(1, done.get());
        if (!report) {
            return;
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        line(String.format(Locale.ROOT, "| durable 4 KiB deliveries, %d thread(s), %d recipient(s) | %,.0f /s"
                + " (p50 %.1f ms, p99 %.1f ms; CPU per delivery %.2f ms in the JVM, %.2f ms machine-wide;"
                + " writer thread %.2f ms, %.1f deliveries per commit, %.1f KiB of database file writes per delivery;"
                + " each second: min %,d, median %,d, max %,d) |",
                threads, recipients, done.get() / secs, pct(all, 50), pct(all, 99), cpuMs, machineMs, writerMs,
                perCommit, writtenKb, perSecond[0], perSecond[perSecond.length / 2], perSecond[perSecond.length - 1]));
    }

    /**
     * Counts what {@code done} gained in each whole second from {@code start} to {@code stop} (sorted): this
     * machine's speed drifts by up to 1.5x within a minute, and the spread shows it next to the mean.
     */
    private static long[] countPerSecond(AtomicLong done, long start, long stop) throws InterruptedException {
        long second = TimeUnit.SECONDS.toNanos(1);
        List<Long> counts = new ArrayList<>();
        long last = done.get();
        for (long next = start + second; next <= stop; next += second) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long now = done.get();
            counts.add(now - last);
            last = now;
        }
        return counts.isEmpty() ? new long[] {0} : counts.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Bytes H2 wrote to the database file so far (commits and compaction), 0 without the meter. */
    private double dbWrittenBytes() {
        io.micrometer.core.instrument.FunctionCounter written = registry.find("tern.store.db.written.bytes")
                .functionCounter();
        return written == null ? 0 : written.count();
    }

    /** The store's writer thread (CombinedWriter): every delivery's SQL and COMMIT run on it, one at a time. */
    private static final String WRITER_THREAD = "tern-store-combined-writer";

    /** CPU time of the live thread named {@code name}, 0 if there is none. */
    private static long threadCpuNanos(String name) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && name.equals(info.getThreadName())) {
                return Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return 0;
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Busy (non-idle, non-iowait) clock ticks of the whole machine from /proc/stat; 0 where unavailable. */
    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }

    /** Fills a mailbox quickly: a few hundred deliveries, then copies doubling the count. */
    private Mailbox fill(MailStore store, Account a, int count) throws Exception {
        Mailbox inbox = store.mailboxes().find(a.id(), "INBOX").orElseThrow();
        Mailbox seed = store.mailboxes().create(a.id(), "Seed", Set.of());
        Thread[] ts = new Thread[8];
        for (int t = 0; t < ts.length; t++) {
            int thread = t;
            ts[t] = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    store.messages().append(seed.id(), TestMailStores.incoming(store, message4k(1_000_000 + thread * 100 + i)),
                            Flags.NONE, null, Origin.SYSTEM);
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        while (store.mailboxes().status(inbox.id()).messages() < count) {
            long have = store.mailboxes().status(inbox.id()).messages();
            long want = Math.min(200, count - have);
            store.messages().copy(seed.id(), UidSet.range(1, want), inbox.id(), Origin.SYSTEM);
        }
        return inbox;
    }

    private void metadata(MailStore store, Mailbox mb, String label) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] selectCpu = new long[15];
        long[] select = new long[15];
        long[] list = new long[15];
        long[] status = new long[15];
        int n = 0;
        for (int i = 0; i < 15; i++) {
            // change one flag first so no cached query result is reused (a live mailbox changes too)
            store.messages().storeFlags(mb.id(), UidSet.of(store.messages().uids(mb.id())[i]), FlagOperation.ADD,
                    Flags.of(Flags.SystemFlag.FLAGGED), 0, Origin.SYSTEM);
            long s = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            long[] uids = store.messages().uids(mb.id());
            store.mailboxes().status(mb.id());
            selectCpu[i] = cpu.getCurrentThreadCpuTime() - c0;
            long e = System.nanoTime();
            store.messages().list(mb.id(), UidSet.ALL);
            long f = System.nanoTime();
            store.messages().storeFlags(mb.id(), UidSet.of(1), FlagOperation.REPLACE, Flags.of(Flags.SystemFlag.SEEN), 0,
                    Origin.SYSTEM);
            f = System.nanoTime();
            store.mailboxes().status(mb.id());
            long g = System.nanoTime();
            select[i] = e - s;
            list[i] = f - e;
            status[i] = g - f;
            n = uids.length;
        }
        Arrays.sort(select);
        Arrays.sort(selectCpu);
        Arrays.sort(list);
        Arrays.sort(status);
        line(String.format(Locale.ROOT, "| SELECT of a %s-message mailbox (uids() + status()), median of 15 | %.1f ms"
                + " wall, %.1f ms CPU (n=%d) |", label, select[7] / 1e6, selectCpu[7] / 1e6, n));
        line(String.format(Locale.ROOT, "| list() metadata of all %s messages (FETCH 1:* FLAGS), median | %.1f ms |",
                label, list[7] / 1e6));
        line(String.format(Locale.ROOT, "| status() of the %s-message mailbox, median | %.1f ms |", label,
                status[7] / 1e6));
    }

    private void flagStores(MailStore store, Mailbox mb, int threads) throws Exception {
        long[] uids = store.messages().uids(mb.id());
        Timer hold = registry.find("tern.store.compaction.lock.hold").timer();
        long holds0 = hold == null ? 0 : hold.count();
        double held0 = hold == null ? 0 : hold.totalTime(TimeUnit.MILLISECONDS);
        Timed timed = timed(threads, SECONDS, () -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            long uid = uids[r.nextInt(uids.length)];
            FlagOperation op = r.nextBoolean() ? FlagOperation.ADD : FlagOperation.REMOVE;
            store.messages().storeFlags(mb.id(), UidSet.of(uid), op, Flags.of(Flags.SystemFlag.SEEN), 0,
                    Origin.SYSTEM);
        });
        long[] all = timed.latencies();
        double secs = timed.seconds();
        // Compaction steps hold the writer lock a flag store needs: how much of the run they took.
        long holds = hold == null ? 0 : hold.count() - holds0;
        double held = hold == null ? 0 : hold.totalTime(TimeUnit.MILLISECONDS) - held0;
        line(String.format(Locale.ROOT, "| durable flag stores (one UID, \\Seen +/-), %d thread(s), one mailbox | %,.0f /s"
                + " (p50 %.2f ms, p99 %.2f ms; meanwhile %d compaction steps held the writer lock %.0f ms, %.1f ms"
                + " each) |", threads, all.length / secs, pct(all, 50), pct(all, 99), holds, held,
                holds == 0 ? 0 : held / holds));
    }

    /**
     * The disk's ceiling for the store's delivery path with 8 threads: each thread appends 4 KiB (a body) to one
     * file and waits for a shared fdatasync of it, then writes 10 KiB (a delivery's share of a database chunk,
     * as measured) to a second, preallocated file and waits for a shared fdatasync of that one: the body journal
     * and the group commit, with no database, parsing or blob file. A delivery is acknowledged after both syncs,
     * and the second cannot start before the first ended (a body is durable before the transaction that refers to
     * it commits), so each thread waits for two fsyncs in a row.
     */
    private void chainedGroupSyncs(Path base) throws IOException, InterruptedException {
        try (GroupSyncedFile journal = new GroupSyncedFile(base.resolve("chain-journal"), 4096 + 40, 0);
             GroupSyncedFile database = new GroupSyncedFile(base.resolve("chain-db"), 10 * 1024, 64L << 20)) {
            long[] all = timed(8, 5, () -> {
                journal.awaitDurable(journal.write());
                database.awaitDurable(database.write());
            }).latencies();
            line(String.format(Locale.ROOT, "| two group fdatasyncs in a row (4 KiB to a journal, then 10 KiB to a"
                    + " second file), 8 threads, no database: the disk's ceiling for 8x1 deliveries | %,.0f /s"
                    + " (p50 %.2f ms, p99 %.2f ms; %.1f fdatasyncs per 100 writes) |", all.length / 5.0,
                    pct(all, 50), pct(all, 99),
                    100.0 * (journal.syncs() + database.syncs()) / Math.max(1, 2 * all.length)));
        }
    }

    /** One timed operation of {@link #timed}. */
    @FunctionalInterface
    private interface TimedOperation {
        void run() throws Exception;
    }

    /** Every call's latency (nanoseconds, sorted) and the run's wall time. */
    private record Timed(long[] latencies, double seconds) {
    }

    /** Calls {@code operation} in a loop on {@code threads} threads for {@code seconds}, timing each call. */
    private static Timed timed(int threads, int seconds, TimedOperation operation) throws InterruptedException {
        long stop = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long[][] latencies = new long[threads][];
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            ts[t] = new Thread(() -> {
                long[] lat = new long[1 << 18];
                int n = 0;
                try {
                    while (System.nanoTime() < stop && n < lat.length) {
                        long s = System.nanoTime();
                        operation.run();
                        lat[n++] = System.nanoTime() - s;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    latencies[thread] = Arrays.copyOf(lat, n);
                }
            });
        }
        long start = System.nanoTime();
        for (Thread t : ts) {
            t.start();
        }
        for (Thread t : ts) {
            t.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Timed(Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray(), wall);
    }

    /** One file written by many threads and made durable by fdatasyncs they share, like the body journal. */
    private static final class GroupSyncedFile implements AutoCloseable {
        private final Path path;
        private final FileChannel channel;
        private final ByteBuffer record;
        /** Wraps writes around within this many bytes (the file is preallocated), or 0 to append. */
        private final long ring;
        private long written;
        private long durable;
        private boolean syncing;
        private long syncs;

        GroupSyncedFile(Path path, int recordBytes, long ring) throws IOException {
            this.path = path;
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.record = ByteBuffer.allocate(recordBytes);
            this.ring = ring;
            ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
            for (long at = 0; at < ring; at += zeros.capacity()) {
                zeros.clear();
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            channel.force(true);
        }

        /** Writes one record (writes are serialized, as the journal's are); returns its end as the ticket. */
        synchronized long write() throws IOException {
            ByteBuffer b = record.duplicate();
            long at = ring == 0 ? written : written % (ring - record.capacity());
            while (b.hasRemaining()) {
                channel.write(b, at + b.position());
            }
            written += record.capacity();
            return written;
        }

        /** Returns once everything up to {@code ticket} is synced; whoever finds no sync under way runs the next. */
        void awaitDurable(long ticket) throws IOException {
            long target;
            synchronized (this) {
                while (true) {
                    if (durable >= ticket) {
                        return;
                    }
                    if (!syncing) {
                        syncing = true;
                        target = written;
                        break;
                    }
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
            }
            try {
                channel.force(false);
            } finally {
                synchronized (this) {
                    syncing = false;
                    durable = Math.max(durable, target);
                    syncs++;
                    notifyAll();
                }
            }
        }

        synchronized long syncs() {
            return syncs;
        }

        @Override
        public void close() throws IOException {
            channel.close();
            Files.deleteIfExists(path);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }
}
