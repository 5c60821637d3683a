package org.tern.imap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.tern.imap.testing.ImapTestServer;

/**
 * IMAP performance figures for issue 4 (not a test; run by hand, see docs/benchmarks-imap.md): SELECT, FETCH
 * FLAGS and SEARCH on a 100,000-message mailbox, a streamed 30 MB FETCH BODY[], 10,000 concurrent IDLE sessions
 * (heap per session, EXISTS fan-out latency) and STORE-to-IDLE latency. The server runs in child JVMs
 * ({@link ImapBenchServer}) so its heap is measured alone. Settings are system properties {@code bench.*}.
 */
public final class ImapBenchmark {

    private static final String LOGIN = "LOGIN \"" + ImapTestServer.USER + "\" \"" + ImapTestServer.PASSWORD + "\"";

    private final int messages = Integer.getInteger("bench.messages", 100_000);
    private final int fillThreads = Integer.getInteger("bench.fillThreads", 8);
    private final int selectRuns = Integer.getInteger("bench.selectRuns", 20);
    private final int fetchRuns = Integer.getInteger("bench.fetchRuns", 3);
    private final int bigMb = Integer.getInteger("bench.bigMb", 30);
    private final int idleSessions = Integer.getInteger("bench.idle", 10_000);
    private final int swarmThreads = Integer.getInteger("bench.swarmThreads", 4);
    private final int storeTrials = Integer.getInteger("bench.storeTrials", 200);
    private final String xmxFetch = System.getProperty("bench.xmx.fetch", "256m");
    private final String xmxBig = System.getProperty("bench.xmx.big", "256m");
    private final String xmxIdle = System.getProperty("bench.xmx.idle", "512m");
    private final Set<String> phases = Set.of(System.getProperty("bench.phases", "fetch,big,idle").split(","));

    public static void main(String[] args) throws Exception {
        new ImapBenchmark().run();
    }

    private void run() throws Exception {
        System.out.println("# Tern IMAP benchmark  " + java.time.Instant.now());
        System.out.println("load at start: " + load());
        if (phases.contains("fetch")) {
            fetchPhase();
        }
        if (phases.contains("big")) {
            bigPhase();
        }
        if (phases.contains("idle")) {
            idlePhase();
        }
        System.out.println("load at end: " + load());
    }

    // ---- 100,000 messages: SELECT, FETCH FLAGS, SEARCH -------------------------------------------------------

    private void fetchPhase() throws Exception {
        System.out.println();
        System.out.println("## " + messages + "-message mailbox (server -Xmx" + xmxFetch + ")");
        try (ServerProcess server = new ServerProcess(xmxFetch)) {
            String[] fill = server.call("FILL Bulk " + messages + " " + fillThreads);
            long fillMs = Long.parseLong(fill[3]);
            System.out.printf(Locale.ROOT, "setup: appended %d messages with %d threads through the store API in %.1f s"
                    + " (%.0f msg/s)%n", messages, fillThreads, fillMs / 1000.0, messages * 1000.0 / fillMs);
            long[] heap0 = server.heap();
            System.out.println("server heap after GC, mailbox filled, no session: " + mb(heap0[0]) + ", threads "
                    + heap0[3]);
            System.out.println("load: " + load());
            try (BenchClient c = new BenchClient(server.port())) {
                check(c.command(LOGIN));
                List<Double> selects = new ArrayList<>();
                List<Double> selectCpu = new ArrayList<>();
                double first = 0;
                for (int i = 0; i < selectRuns + 1; i++) {
                    long cpu0 = server.cpuMillis();
                    BenchClient.Reply r = check(c.command("SELECT Bulk", true, null));
                    if (i > 0) {
                        selectCpu.add((double) (server.cpuMillis() - cpu0));
                    }
                    if (i == 0) {
                        first = ms(r.nanos());
                        System.out.println("first SELECT (claims " + messages + " \\Recent): " + fmt(first) + " ms; "
                                + r.kept().stream().filter(l -> l.endsWith("EXISTS")).findFirst().orElse("?"));
                    } else {
                        selects.add(ms(r.nanos()));
                    }
                }
                System.out.println("SELECT x" + selectRuns + " after the first: " + stats(selects));
                System.out.println("  server CPU time per SELECT (all threads, 10 ms ticks): " + stats(selectCpu));
                List<Double> examines = new ArrayList<>();
                for (int i = 0; i < selectRuns; i++) {
                    examines.add(ms(check(c.command("EXAMINE Bulk")).nanos()));
                }
                System.out.println("EXAMINE x" + selectRuns + ": " + stats(examines));
                check(c.command("SELECT Bulk"));
                timed(server, c, "FETCH 1:* (FLAGS)");
                timed(server, c, "UID FETCH 1:* (UID FLAGS)");
                timed(server, c, "FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)");
                timed(server, c, "SEARCH UNSEEN");
                // SUBJECT/FROM/TO/CC/BCC are matched against the parsed envelope (no message file is read);
                // before that a full-mailbox SUBJECT search read 100,000 headers and took over 5 minutes here
                BenchClient.Reply s = check(c.command("UID SEARCH UID " + (messages - 999) + ":* SUBJECT \"Message "
                        + (messages - 1) + "\"", true, null));
                System.out.printf(Locale.ROOT, "UID SEARCH UID %d:* SUBJECT \"...\" (1,000 UIDs in range): %s ms, %s%n",
                        messages - 999, fmt(ms(s.nanos())), s.kept().isEmpty() ? "?" : s.kept().get(0));
                BenchClient.Reply full = check(c.command("SEARCH SUBJECT \"Message " + (messages - 1) + "\"", true, null));
                System.out.printf(Locale.ROOT, "SEARCH SUBJECT \"...\" (whole mailbox): %s ms, %s%n",
                        fmt(ms(full.nanos())), full.kept().isEmpty() ? "?" : full.kept().get(0));
                check(c.command("LOGOUT"));
            }
            String[] p = server.call("PROFILE Bulk 5");
            System.out.println("store calls alone, in the server JVM, median of 5, wall ms (thread CPU ms): uids() "
                    + p[2] + ", status() " + p[3] + ", claimRecent() " + p[4] + ", list(1:*) " + p[5]);
            long[] heap1 = server.heap();
            System.out.println("server heap after GC at the end: " + mb(heap1[0]));
        }
    }

    /** Runs a command fetchRuns times; prints time, bytes, untagged lines, and the server's peak heap sample. */
    private void timed(ServerProcess server, BenchClient c, String command) throws IOException {
        List<Double> times = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        BenchClient.Reply last = null;
        server.call("SAMPLE");
        for (int i = 0; i < fetchRuns; i++) {
            long cpu0 = server.cpuMillis();
            last = check(c.command(command, false, null));
            times.add(ms(last.nanos()));
            cpu.add((double) (server.cpuMillis() - cpu0));
        }
        long peak = Long.parseLong(server.call("PEAK")[2]);
        System.out.printf(Locale.ROOT, "%s x%d: %s; %d bytes, %d untagged lines per run; server heap peak (with"
                + " garbage) %s%n", command, fetchRuns, stats(times), last.bytes(), last.untaggedLines(), mb(peak));
        System.out.println("  server CPU time per run (all threads incl. GC): " + stats(cpu));
    }

    // ---- 30 MB FETCH BODY[] -----------------------------------------------------------------------------------

    private void bigPhase() throws Exception {
        System.out.println();
        System.out.println("## FETCH BODY[] of a " + bigMb + " MiB message (server -Xmx" + xmxBig + ")");
        try (ServerProcess server = new ServerProcess(xmxBig)) {
            String[] big = server.call("BIG Large " + bigMb);
            System.out.println("setup: appended a " + big[2] + "-byte message in " + big[3] + " ms");
            try (BenchClient c = new BenchClient(server.port())) {
                check(c.command(LOGIN));
                check(c.command("SELECT Large"));
                for (int i = 0; i < 3; i++) {
                    long[] before = server.heap();
                    server.call("SAMPLE");
                    BenchClient.Reply r = check(c.command(i == 0 ? "FETCH 1 BODY[]" : "FETCH 1 BODY.PEEK[]"));
                    long peak = Long.parseLong(server.call("PEAK")[2]);
                    long[] after = server.heap();
                    System.out.printf(Locale.ROOT, "%s: %.0f ms, %d literal bytes (%.0f MB/s); server heap after GC"
                                    + " before %s, after %s; peak sampled heap used during the fetch %s (max %s)%n",
                            i == 0 ? "FETCH 1 BODY[]" : "FETCH 1 BODY.PEEK[]", ms(r.nanos()), r.literalBytes(),
                            r.literalBytes() / 1e6 / (r.nanos() / 1e9), mb(before[0]), mb(after[0]), mb(peak),
                            mb(after[2]));
                }
            }
        }
    }

    // ---- 10,000 IDLE sessions -----------------------------------------------------------------------------------

    private void idlePhase() throws Exception {
        System.out.println();
        System.out.println("## " + idleSessions + " concurrent IDLE sessions (server -Xmx" + xmxIdle + ")");
        try (ServerProcess server = new ServerProcess(xmxIdle)) {
            server.call("FILL INBOX 10 1");
            server.call("FILL Flags 1 1");
            long[] before = server.heap();
            System.out.println("server before sessions: heap after GC " + mb(before[0]) + ", threads " + before[3]
                    + ", open fds " + fds(server.pid()));
            long start = System.nanoTime();
            IdleSwarm swarm = new IdleSwarm(server.port(), ImapTestServer.USER, ImapTestServer.PASSWORD, "INBOX",
                    swarmThreads, 200);
            try {
                swarm.open(idleSessions);
                double setup = ms(System.nanoTime() - start) / 1000;
                System.out.printf(Locale.ROOT, "opened %d sessions (LOGIN, SELECT INBOX, IDLE) in %.1f s (%.0f/s);"
                        + " idling %d, failed %d%n", idleSessions, setup, idleSessions / setup, swarm.idling(),
                        swarm.failed());
                long[] held = server.heap();
                System.out.printf(Locale.ROOT, "server with sessions: heap after GC %s, threads %d, open fds %s;"
                                + " heap per session %.1f KiB%n", mb(held[0]), held[3], fds(server.pid()),
                        (held[0] - before[0]) / 1024.0 / Math.max(1, swarm.idling()));
                System.out.println("load: " + load());
                for (int round = 0; round < 3; round++) {
                    swarm.arm();
                    long t0 = System.nanoTime();
                    String[] d = server.call("DELIVER");
                    if (round == 0) {
                        Thread.sleep(200);
                        System.out.println("thread dump of the server 200 ms after the commit: " + stacks(server.pid()));
                    }
                    long[] arrivals = swarm.await(swarm.idling(), 300_000);
                    List<Double> lat = new ArrayList<>();
                    for (long a : arrivals) {
                        if (a != 0) {
                            lat.add(ms(a - t0));
                        }
                    }
                    System.out.printf(Locale.ROOT, "deliver #%d (commit %s ms in the server): %d of %d idling"
                            + " sessions got * n EXISTS; latency from the deliver call %s%n", round + 1, d[2],
                            lat.size(), swarm.idling(), stats(lat));
                }
                long[] after = server.heap();
                System.out.println("server after deliveries: heap after GC " + mb(after[0]) + ", threads " + after[3]);
                storeToIdle(server, "with " + swarm.idling() + " other sessions idling on INBOX");
            } finally {
                swarm.close();
            }
            Thread.sleep(3000);
            long[] gone = server.heap();
            System.out.println("server after the sessions closed: heap after GC " + mb(gone[0]) + ", threads "
                    + gone[3]);
            storeToIdle(server, "no other sessions");
        }
    }

    /** STORE in session A, timed until session B (IDLE on the same mailbox) reads the untagged FETCH. */
    private void storeToIdle(ServerProcess server, String label) throws Exception {
        try (BenchClient a = new BenchClient(server.port()); BenchClient b = new BenchClient(server.port())) {
            check(a.command(LOGIN));
            check(a.command("SELECT Flags"));
            check(b.command(LOGIN));
            check(b.command("SELECT Flags"));
            b.send("i IDLE");
            String cont = b.readLine();
            if (!cont.startsWith("+")) {
                throw new IOException("IDLE refused: " + cont);
            }
            BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while (!(line = b.readLine()).startsWith("i ")) {
                        if (line.startsWith("* ") && line.contains(" FETCH ")) {
                            seen.add(System.nanoTime());
                        }
                    }
                } catch (IOException e) {
                    System.err.println("idle reader: " + e);
                }
            }, "idle-reader");
            reader.setDaemon(true);
            reader.start();
            List<Double> latency = new ArrayList<>();
            List<Double> own = new ArrayList<>();
            int lost = 0;
            for (int i = 0; i < storeTrials; i++) {
                long t0 = System.nanoTime();
                BenchClient.Reply r = check(a.command("STORE 1 " + (i % 2 == 0 ? "+" : "-") + "FLAGS (\\Flagged)"));
                own.add(ms(r.nanos()));
                Long t1 = seen.poll(5, TimeUnit.SECONDS);
                if (t1 == null) {
                    lost++;
                } else {
                    latency.add(ms(t1 - t0));
                }
            }
            b.send("DONE");
            reader.join(5000);
            System.out.println("STORE -> IDLE session (" + label + "), " + storeTrials + " trials: " + stats(latency)
                    + (lost > 0 ? "; " + lost + " never arrived" : "") + "; STORE round trip in A " + stats(own));
        }
    }

    /** Counts server threads in the middle of claimRecent (SelectedMailbox.drain) in a jcmd thread dump. */
    private static String stacks(long pid) {
        try {
            Process p = new ProcessBuilder("jcmd", String.valueOf(pid), "Thread.print").redirectErrorStream(true)
                    .start();
            String dump = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            int drain = 0;
            int claim = 0;
            int lock = 0;
            for (String block : dump.split("\\n\\s*\\n")) {
                if (block.contains("SelectedMailbox.drain")) {
                    drain++;
                }
                if (block.contains("JdbcMessages.claimRecent")) {
                    claim++;
                }
                if (block.contains("MailboxRows.lock")) {
                    lock++;
                }
            }
            return drain + " threads in SelectedMailbox.drain, " + claim + " in JdbcMessages.claimRecent, " + lock
                    + " in MailboxRows.lock (SELECT ... FOR UPDATE on the mailbox row)";
        } catch (IOException | InterruptedException e) {
            return "jcmd failed: " + e;
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static BenchClient.Reply check(BenchClient.Reply r) throws IOException {
        if (!r.ok()) {
            throw new IOException("command failed: " + r.tagged());
        }
        return r;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String stats(List<Double> values) {
        if (values.isEmpty()) {
            return "no samples";
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "min %s / p50 %s / p99 %s / max %s ms (n=%d)", fmt(v[0]),
                fmt(pct(v, 50)), fmt(pct(v, 99)), fmt(v[v.length - 1]), v.length);
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String fmt(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String fds(long pid) {
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return String.valueOf(s.count());
        } catch (IOException e) {
            return "?";
        }
    }

}
