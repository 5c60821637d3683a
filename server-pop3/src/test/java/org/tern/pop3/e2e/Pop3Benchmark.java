package org.tern.pop3.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.Delivery;
import org.tern.store.UidSet;
import org.tern.store.blob.IncomingMessage;
import org.tern.store.testing.TestMailStores;

/**
 * Prints figures (no timed assertions): RETR of 10,000 4 KiB messages in one session, and login + STAT + UIDL
 * on a 10,000-message INBOX. Not part of the default test run (the class name does not end in Test); run it with
 * {@code -Dtest=Pop3Benchmark}. -Dpop3.bench.messages=N changes the size; -Dpop3.bench.dir=DIR keeps the data
 * between runs (delivering 10,000 durable messages takes a minute or more on a busy machine).
 */
class Pop3Benchmark {

    @TempDir
    Path dir;

    @Test
    void retrieveTenThousandMessages() throws Exception {
        int n = Integer.getInteger("pop3.bench.messages", 10_000);
        String reuse = System.getProperty("pop3.bench.dir");
        Path base = reuse == null ? dir : Path.of(reuse);
        try (Pop3TestServer server = Pop3TestServer.start(base)) {
            Account a = server.store.directory().account("bench@example.org")
                    .orElseGet(() -> server.account("bench@example.org", "pw"));
            int have = server.store.messages().list(server.inbox(a), UidSet.ALL).size();
            long t0 = System.nanoTime();
            deliverConcurrently(server, a, n - have);
            System.out.printf("pop3 bench: delivered %d 4 KiB messages in %d ms%n", n - have, ms(t0));
            n = Math.max(n, have);

            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                try (RawPop3Client c = server.connect()) {
                    long connected = System.nanoTime();
                    c.send("USER bench@example.org");
                    c.send("PASS pw");
                    c.send("STAT");
                    c.send("UIDL");
                    assertThat(c.readLine()).startsWith("+OK");
                    assertThat(c.readLine()).startsWith("+OK");
                    assertThat(c.readLine()).startsWith("+OK " + n + " ");
                    assertThat(c.readLine()).startsWith("+OK");
                    assertThat(c.readMultiline()).hasSize(n);
                    System.out.printf("pop3 bench: connect %d ms, login+STAT+UIDL on %d messages %d ms%n",
                            (connected - start) / 1_000_000, n, ms(connected));
                    c.send("QUIT");
                    c.readLine();
                }
                Thread.sleep(100); // let the lock go
            }

            for (int round = 0; round < 2; round++) {
                try (RawPop3Client c = server.login("bench@example.org", "pw")) {
                    retrievePipelined(c, n);
                    retrieveLockStep(c, Math.min(n, 2000));
                    assertThat(c.command("QUIT")).startsWith("+OK");
                }
            }
        }
    }

    private static void retrievePipelined(RawPop3Client c, int n) throws Exception {
        ExecutorService sender = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        Future<?> sent = sender.submit(() -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                sb.append("RETR ").append(i).append("\r\n");
                if (i % 100 == 0 || i == n) {
                    c.sendRaw(sb.toString().getBytes(StandardCharsets.US_ASCII));
                    sb.setLength(0);
                }
            }
            return null;
        });
        long bytes = 0;
        for (int i = 1; i <= n; i++) {
            String status = c.readLine();
            assertThat(status).startsWith("+OK");
            bytes += c.readMultilineRaw().length;
        }
        sent.get();
        long elapsed = System.nanoTime() - start;
        sender.shutdown();
        System.out.printf("pop3 bench: RETR of %d messages (%d bytes) pipelined in one session: %d ms, %.0f msg/s, %.1f MB/s%n",
                n, bytes, elapsed / 1_000_000, n / (elapsed / 1e9), bytes / 1e6 / (elapsed / 1e9));
    }

    private static void retrieveLockStep(RawPop3Client c, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            c.send("RETR " + i);
            c.readLine();
            c.readMultilineRaw();
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf("pop3 bench: RETR of %d messages one at a time (lock-step): %d ms, %.0f msg/s%n", n,
                elapsed / 1_000_000, n / (elapsed / 1e9));
    }

    private static void deliverConcurrently(Pop3TestServer server, Account a, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] body = message4k(i);
            futures.add(pool.submit(() -> {
                IncomingMessage in = TestMailStores.incoming(server.store, body);
                server.store.messages().deliver(new Delivery(in, "s@example.net", List.of(a.id()), List.of(),
                        Delivery.DsnRequest.NONE));
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    private static byte[] message4k(int seq) {
        StringBuilder sb = new StringBuilder("From: s@example.net\r\nTo: bench@example.org\r\nSubject: bench " + seq + "\r\n\r\n");
        while (sb.length() < 4096 - 80) {
            sb.append("The quick brown fox jumps over the lazy dog. 0123456789 abcdefghijklmnopqrstuv\r\n");
        }
        sb.append(".a line starting with a dot\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
