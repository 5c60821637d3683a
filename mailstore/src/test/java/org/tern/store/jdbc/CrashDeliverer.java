package org.tern.store.jdbc;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.tern.store.Account;
import org.tern.store.Delivery;
import org.tern.store.MailStore;
import org.tern.store.testing.TestMailStores;

/**
 * Child JVM of {@link CrashTest}: delivers numbered messages until killed, appending each id to a side file only
 * after {@code deliver} returned (the acknowledgement).
 */
public final class CrashDeliverer {

    private CrashDeliverer() {
    }

    /** The exact bytes of message {@code id} (varied sizes, deterministic). */
    public static byte[] body(long id) {
        StringBuilder sb = new StringBuilder();
        sb.append("From: crash@example.net\r\nSubject: crash ").append(id).append("\r\n\r\n");
        for (long i = 0; i < 20 + (id * 7919) % 200; i++) {
            sb.append("line ").append(i).append(" of message ").append(id).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path side = Path.of(args[1]);
        MailStore store = TestMailStores.open(dir);
        Account a = TestMailStores.account(store, "a@example.org", "p");
        Account b = TestMailStores.account(store, "b@example.org", "p");
        int threads = 4;
        try (OutputStream ack = new FileOutputStream(side.toFile(), true)) {
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers[t] = new Thread(() -> {
                    for (long n = 0; ; n++) {
                        long id = n * threads + thread;
                        store.messages().deliver(new Delivery(TestMailStores.incoming(store, body(id)),
                                "crash@example.net", List.of(a.id(), b.id()), List.of(), Delivery.DsnRequest.NONE));
                        synchronized (ack) {
                            try {
                                ack.write((id + "\n").getBytes(StandardCharsets.US_ASCII));
                                ack.flush();
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    }
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join();
            }
        }
    }
}
