package org.tern.imap.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.tern.imap.testing.ImapTestServer;
import org.tern.store.Flags;
import org.tern.store.Mailbox;
import org.tern.store.MailStore;
import org.tern.store.Origin;
import org.tern.store.blob.IncomingMessage;
import org.tern.store.testing.TestMailStores;

/**
 * The server side of {@link ImapBenchmark}, run in its own JVM so its heap and threads can be measured alone:
 * the real store and IMAP listener of {@link ImapTestServer} on 127.0.0.1, driven by one-line commands on stdin
 * (setup through the store API, heap and thread figures), answering one line each on stdout.
 * Not a test: started as a child process by the benchmark.
 */
public final class ImapBenchServer {

    private final ImapTestServer server;
    private final MailStore store;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private volatile Thread sampler;
    private final AtomicLong peakHeap = new AtomicLong();

    private ImapBenchServer(ImapTestServer server) {
        this.server = server;
        this.store = server.store();
    }

    public static void main(String[] args) throws Exception {
        ImapTestServer server = new ImapTestServer(Map.of(
                "limits.connections-per-ip", "50000",
                "message.max-bytes", "100M"));
        ImapBenchServer bench = new ImapBenchServer(server);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                server.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close));
        System.out.println("PORT " + server.port() + " PID " + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split("\\s+");
            String reply;
            try {
                reply = switch (w[0]) {
                    case "FILL" -> bench.fill(w[1], Integer.parseInt(w[2]), Integer.parseInt(w[3]));
                    case "BIG" -> bench.big(w[1], Integer.parseInt(w[2]));
                    case "DELIVER" -> bench.deliver();
                    case "PROFILE" -> bench.profile(w[1], Integer.parseInt(w[2]));
                    case "HEAP" -> bench.heap();
                    case "SAMPLE" -> bench.startSampling();
                    case "PEAK" -> bench.stopSampling();
                    case "QUIT" -> "OK QUIT";
                    default -> "ERR unknown " + w[0];
                };
            } catch (RuntimeException | IOException e) {
                reply = "ERR " + e;
            }
            System.out.println(reply);
            System.out.flush();
            if (w[0].equals("QUIT")) {
                break;
            }
        }
        close.run();
        System.exit(0);
    }

    private Mailbox mailbox(String name) {
        long account = server.account().id();
        return store.mailboxes().find(account, name)
                .orElseGet(() -> store.mailboxes().create(account, name, Set.of()));
    }

    /** Appends {@code count} small messages to the mailbox from {@code threads} threads. */
    private String fill(String name, int count, int threads) throws Exception {
        Mailbox mailbox = mailbox(name);
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    byte[] m = TestMailStores.message("Message " + i,
                            "Body of message " + i + ", some words to search for.");
                    IncomingMessage incoming = TestMailStores.incoming(store, m);
                    store.messages().append(mailbox.id(), incoming, Flags.NONE, Instant.now(), Origin.SYSTEM);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long ms = (System.nanoTime() - start) / 1_000_000;
        return "OK FILL " + count + " " + ms;
    }

    /** Appends one message with a text body of {@code mb} MiB. */
    private String big(String name, int mb) throws IOException {
        Mailbox mailbox = mailbox(name);
        long start = System.nanoTime();
        IncomingMessage in = store.messages().newMessage();
        try (OutputStream out = in) {
            out.write(("From: Sender <sender@example.net>\r\nTo: alice@example.org\r\nSubject: big\r\n"
                    + "Date: Mon, 2 Nov 2026 10:00:00 +0000\r\nMessage-ID: <big." + System.nanoTime()
                    + "@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] line = ("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                    + "abcdefghijklmn\r\n").getBytes(StandardCharsets.US_ASCII);
            long lines = (long) mb * 1024 * 1024 / line.length;
            for (long i = 0; i < lines; i++) {
                out.write(line);
            }
        } catch (IOException e) {
            in.discard();
            throw new UncheckedIOException(e);
        }
        long size = in.size();
        store.messages().append(mailbox.id(), in, Flags.NONE, Instant.now(), Origin.SYSTEM);
        return "OK BIG " + size + " " + (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Times the store calls SELECT and FETCH FLAGS make, called directly (no network, no IMAP encoding), to
     * tell store cost from protocol cost: uids(), status(), claimRecent(), list() of the whole mailbox.
     * Replies with the median ms of each over {@code runs} runs.
     */
    private String profile(String name, int runs) {
        Mailbox mailbox = mailbox(name);
        long id = mailbox.id();
        double[][] t = new double[4][runs];
        double[][] cpu = new double[4][runs];
        var threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long[] uids = null;
            for (int k = 0; k < 4; k++) {
                long wall = System.nanoTime();
                long own = threads.getCurrentThreadCpuTime();
                switch (k) {
                    case 0 -> uids = store.messages().uids(id);
                    case 1 -> store.mailboxes().status(id);
                    case 2 -> store.messages().claimRecent(id);
                    default -> store.messages().list(id, org.tern.store.UidSet.ofRanges(
                            List.of(new org.tern.store.UidSet.Range(1, uids[uids.length - 1]))));
                }
                t[k][i] = (System.nanoTime() - wall) / 1e6;
                cpu[k][i] = (threads.getCurrentThreadCpuTime() - own) / 1e6;
            }
        }
        StringBuilder out = new StringBuilder("OK PROFILE");
        for (int k = 0; k < 4; k++) {
            java.util.Arrays.sort(t[k]);
            java.util.Arrays.sort(cpu[k]);
            out.append(' ').append(String.format(java.util.Locale.ROOT, "%.1f(%.1f)", t[k][runs / 2],
                    cpu[k][runs / 2]));
        }
        return out.toString();
    }

    /** Delivers one small message to INBOX; replies with the time the commit took (ms). */
    private String deliver() {
        long start = System.nanoTime();
        server.deliver("Fresh " + System.nanoTime(), "new mail");
        return "OK DELIVER " + (System.nanoTime() - start) / 1_000_000.0;
    }

    /** Heap used after a full GC, committed heap, max heap (bytes), live threads. */
    private String heap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        MemoryUsage h = memory.getHeapMemoryUsage();
        return "OK HEAP " + h.getUsed() + " " + h.getCommitted() + " " + h.getMax() + " "
                + ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Samples heap used every 5 ms until PEAK (includes garbage not yet collected: an upper bound). */
    private String startSampling() {
        peakHeap.set(memory.getHeapMemoryUsage().getUsed());
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        t.setDaemon(true);
        t.start();
        sampler = t;
        return "OK SAMPLE";
    }

    private String stopSampling() throws InterruptedException {
        Thread t = sampler;
        if (t != null) {
            t.interrupt();
            t.join();
        }
        return "OK PEAK " + peakHeap.get();
    }
}
