package org.tern.smtp.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.tern.core.auth.AuthResult;
import org.tern.core.auth.Authenticator;
import org.tern.core.config.TernConfig;
import org.tern.core.net.BoundListener;
import org.tern.core.net.ListenerSpecs;
import org.tern.core.net.NetworkServer;
import org.tern.core.net.ServerContext;
import org.tern.core.tls.TlsContexts;
import org.tern.smtp.SmtpService;
import org.tern.store.Account;
import org.tern.store.MailStore;
import org.tern.store.MailStoreConfig;
import org.tern.store.MailStores;

/**
 * Load benchmark (not a test; run by hand): N concurrent connections each sending 4 KiB messages to one
 * local user on port 25 for a while, over the real store, network server and SMTP service in this JVM.
 * Prints accepted messages per second and the end-of-DATA-to-250 latency (p50/p90/p99/max), i.e. the time
 * from writing the final {@code CRLF.CRLF} to reading the 250 (which the server sends only after the store's
 * durable commit). A flat ~40/200 ms latency would be the Nagle/delayed-ACK signature.
 *
 * <pre>
 * mvn -B -q -pl server-smtp -am test-compile -DskipTests
 * mvn -B -q -pl server-smtp dependency:build-classpath -Dmdep.outputFile=/tmp/smtp-cp.txt -Dmdep.includeScope=test
 * java -cp server-smtp/target/test-classes:server-smtp/target/classes:server-core/target/classes:mailstore/target/classes:$(cat /tmp/smtp-cp.txt) \
 *      org.tern.smtp.bench.SmtpLoadBenchmark [connections=16] [seconds=10] [bytes=4096] [dataDir]
 * </pre>
 */
public final class SmtpLoadBenchmark {

    private static final String USER = "load@example.org";

    private SmtpLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int bytes = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("tern-smtp-bench");
        Files.createDirectories(dir);
        System.out.printf("SMTP load: %d connections, %d s, %d-byte messages, data in %s, %d CPUs%n",
                connections, seconds, bytes, dir, Runtime.getRuntime().availableProcessors());

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TernConfig config = TernConfig.of(Map.of("data.dir", dir.toString(), "hostname", "mx.example.org",
                "smtp.listen", "127.0.0.1:0", "limits.connections-per-ip", String.valueOf(connections + 10)));
        ExecutorService executor = Executors.newFixedThreadPool(config.integer("executor.threads"));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
        try (MailStore store = MailStores.open(MailStoreConfig.forTests(dir), registry);
             NetworkServer network = new NetworkServer(new ServerContext(config, TlsContexts.fromConfig(config),
                     registry, executor, scheduler))) {
            if (!store.directory().isLocalDomain("example.org")) {
                store.directory().addDomain("example.org");
            }
            if (store.directory().account(USER).isEmpty()) {
                store.directory().addAccount(USER, "unused".toCharArray(), Account.UNLIMITED);
            }
            Authenticator noAuth = (u, p, c) -> java.util.concurrent.CompletableFuture.completedFuture(
                    new AuthResult(AuthResult.Status.FAILED, null));
            SmtpService smtp = new SmtpService(config, store, noAuth, registry);
            BoundListener listener = network.bind(ListenerSpecs.forName(config, "smtp"), smtp.forListener("smtp"));
            int port = listener.boundAddress().getPort();

            byte[] body = body(bytes);
            noopRoundTrips(port, 500);
            run(port, connections, 2, body, "warm-up");
            Result r = run(port, connections, seconds, body, "measured");
            r.print();
            printTimer(registry, "tern.store.operation", "op", "deliver");
            printTimer(registry, "tern.smtp.delivery", "listener", "smtp");
        } finally {
            executor.shutdownNow();
            scheduler.shutdownNow();
        }
    }

    /** NOOP round trips on one idle connection: protocol, executor and TCP cost without the store. */
    private static void noopRoundTrips(int port, int count) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            Client.expect(in, 220);
            byte[] noop = "NOOP\r\n".getBytes(StandardCharsets.US_ASCII);
            long[] t = new long[count];
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                out.write(noop);
                Client.expect(in, 250);
                t[i] = System.nanoTime() - t0;
            }
            Arrays.sort(t);
            System.out.printf("NOOP round trip (no store): p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    t[count / 2] / 1e6, t[count * 99 / 100] / 1e6, t[count - 1] / 1e6);
        }
    }

    private static Result run(int port, int connections, int seconds, byte[] body, String phase) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(connections);
        List<Client> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Client c = new Client(port, body, stop, ready);
            clients.add(c);
            Thread t = new Thread(c, "load-" + i);
            threads.add(t);
            t.start();
        }
        ready.await();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join(30_000);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = clients.stream().flatMapToLong(c -> Arrays.stream(c.latencies.toArray())).sorted().toArray();
        long errors = clients.stream().mapToLong(c -> c.errors).sum();
        long[] env = clients.stream().flatMapToLong(c -> Arrays.stream(c.envelopes.toArray())).sorted().toArray();
        return new Result(phase, all, env, elapsed, errors);
    }

    private record Result(String phase, long[] latencies, long[] envelopes, double seconds, long errors) {
        void print() {
            int n = latencies.length;
            if (n == 0) {
                System.out.println(phase + ": no message accepted, errors=" + errors);
                return;
            }
            System.out.printf("%s: %d messages in %.1f s = %.0f msgs/s, errors %d%n", phase, n, seconds, n / seconds, errors);
            System.out.printf("end-of-DATA -> 250: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    pct(latencies, 0.50), pct(latencies, 0.90), pct(latencies, 0.99), latencies[n - 1] / 1e6);
            // No disk sync on this path: a flat ~40 or ~200 ms here would be Nagle meeting delayed ACKs.
            System.out.printf("MAIL+RCPT+DATA (one write) -> 354: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                    pct(envelopes, 0.50), pct(envelopes, 0.90), pct(envelopes, 0.99));
        }

        private static double pct(long[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
        }
    }

    private static void printTimer(SimpleMeterRegistry registry, String name, String tag, String value) {
        Timer t = registry.find(name).tag(tag, value).timer();
        if (t != null && t.count() > 0) {
            System.out.printf("%s{%s=%s}: count %d, mean %.2f ms, max %.2f ms%n", name, tag, value, t.count(),
                    t.mean(TimeUnit.MILLISECONDS), t.max(TimeUnit.MILLISECONDS));
        }
    }

    private static byte[] body(int size) {
        StringBuilder sb = new StringBuilder(size + 200);
        sb.append("From: load@remote.example\r\nTo: ").append(USER).append("\r\nSubject: load\r\n")
                .append("Message-ID: <x@remote.example>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\n");
        String line = "The quick brown fox jumps over the lazy dog 0123456789 abcdefghijklmnopqrstuvwxyz\r\n";
        while (sb.length() < size) {
            sb.append(line);
        }
        sb.setLength(size - 2);
        sb.append("\r\n.\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** One connection: EHLO once, then pipelined MAIL/RCPT/DATA and the content until told to stop. */
    private static final class Client implements Runnable {

        private final int port;
        private final byte[] body;
        private final AtomicBoolean stop;
        private final CountDownLatch ready;
        final LongList latencies = new LongList();
        final LongList envelopes = new LongList();
        long errors;

        Client(int port, byte[] body, AtomicBoolean stop, CountDownLatch ready) {
            this.port = port;
            this.body = body;
            this.stop = stop;
            this.ready = ready;
        }

        @Override
        public void run() {
            boolean counted = false;
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(30_000);
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                expect(in, 220);
                out.write("EHLO load.example\r\n".getBytes(StandardCharsets.US_ASCII));
                expect(in, 250);
                ready.countDown();
                counted = true;
                byte[] envelope = ("MAIL FROM:<load@remote.example>\r\nRCPT TO:<" + USER + ">\r\nDATA\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                while (!stop.get()) {
                    long e0 = System.nanoTime();
                    out.write(envelope);
                    expect(in, 250);
                    expect(in, 250);
                    expect(in, 354);
                    envelopes.add(System.nanoTime() - e0);
                    long t0 = System.nanoTime();
                    out.write(body);
                    int code = reply(in);
                    long t = System.nanoTime() - t0;
                    if (code == 250) {
                        latencies.add(t);
                    } else {
                        errors++;
                    }
                }
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                errors++;
                System.err.println(Thread.currentThread().getName() + ": " + e);
            } finally {
                if (!counted) {
                    ready.countDown();
                }
            }
        }

        private static void expect(InputStream in, int code) throws IOException {
            int got = reply(in);
            if (got != code) {
                throw new IOException("expected " + code + ", got " + got);
            }
        }

        /** Reads one (multi-line) reply and returns its code. */
        private static int reply(InputStream in) throws IOException {
            while (true) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) != '\n') {
                    if (c < 0) {
                        throw new IOException("connection closed");
                    }
                    line.append((char) c);
                }
                if (line.length() < 4 || line.charAt(3) != '-') {
                    return Integer.parseInt(line.substring(0, 3));
                }
            }
        }
    }

    /** A growable list of longs without boxing. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
