package org.tern.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.tern.imap.testing.ImapTestServer;
import org.tern.imap.testing.RawImapClient;
import org.tern.store.Mailbox;
import org.tern.store.UidSet;

/**
 * Prints figures (no timed assertions): SELECT and FETCH 1:* FLAGS on a large mailbox, and heap per IDLE
 * session. Opt-in (slow to set up): environment {@code IMAP_BENCH=true}; size from IMAP_BENCH_MESSAGES (default
 * 100000), sessions from IMAP_BENCH_IDLE (default 1000). Environment variables reach surefire's forked JVM.
 */
@EnabledIfEnvironmentVariable(named = "IMAP_BENCH", matches = "true")
class LargeMailboxBenchmarkTest {

    @Test
    void selectAndFetchFlagsOnALargeMailbox() {
        int target = env("IMAP_BENCH_MESSAGES", 100_000);
        try (ImapTestServer server = new ImapTestServer()) {
            server.deliver("seed", "x");
            Mailbox inbox = server.store().mailboxes().find(server.account().id(), "INBOX").orElseThrow();
            long t0 = System.nanoTime();
            int count = 1;
            while (count < target) {
                int take = Math.min(count, target - count);
                server.store().messages().copy(inbox.id(), UidSet.range(1, take), inbox.id(),
                        org.tern.store.Origin.SYSTEM);
                count += take;
            }
            System.out.printf("bench: built %d messages in %d ms%n", count, (System.nanoTime() - t0) / 1_000_000);
            for (int round = 0; round < 2; round++) {
                long u0 = System.nanoTime();
                server.store().messages().uids(inbox.id());
                long u1 = System.nanoTime();
                server.store().mailboxes().status(inbox.id());
                long u2 = System.nanoTime();
                server.store().messages().list(inbox.id(), UidSet.ALL);
                long u3 = System.nanoTime();
                System.out.printf("bench: store calls: uids %.1f ms, status %.1f ms, list %.1f ms%n", (u1 - u0) / 1e6,
                        (u2 - u1) / 1e6, (u3 - u2) / 1e6);
            }
            long r0 = System.nanoTime();
            server.store().messages().claimRecent(inbox.id());
            System.out.printf("bench: store claimRecent of %d: %.1f ms%n", count, (System.nanoTime() - r0) / 1e6);
            try (RawImapClient c = new RawImapClient(server.port())) {
                c.setTimeout(120_000);
                c.readLine();
                c.command("a", "LOGIN " + ImapTestServer.USER + " " + ImapTestServer.PASSWORD);
                c.command("w", "EXAMINE INBOX"); // warm-up
                c.command("w2", "UNSELECT");
                long s0 = System.nanoTime();
                List<String> select = c.command("b", "SELECT INBOX");
                long s1 = System.nanoTime();
                assertThat(select).contains("* " + count + " EXISTS");
                List<String> fetch = c.command("c", "FETCH 1:* (FLAGS)");
                long s2 = System.nanoTime();
                assertThat(fetch).hasSize(count + 1);
                List<String> uidFetch = c.command("d", "UID FETCH 1:* (FLAGS)");
                long s3 = System.nanoTime();
                assertThat(uidFetch).hasSize(count + 1);
                c.command("e", "SEARCH UNSEEN");
                long s4 = System.nanoTime();
                System.out.printf("bench: %d messages: SELECT %.1f ms, FETCH 1:* FLAGS %.1f ms, UID FETCH 1:* FLAGS %.1f ms,"
                                + " SEARCH UNSEEN %.1f ms%n", count, (s1 - s0) / 1e6, (s2 - s1) / 1e6, (s3 - s2) / 1e6,
                        (s4 - s3) / 1e6);
            }
        }
    }

    @Test
    void heapPerIdleSession() throws Exception {
        int sessions = env("IMAP_BENCH_IDLE", 1000);
        try (ImapTestServer server = new ImapTestServer(Map.of("limits.connections-per-ip", "100000"))) {
            for (int i = 0; i < 50; i++) {
                server.deliver("m" + i, "x");
            }
            long before = usedHeap();
            List<RawImapClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < sessions; i++) {
                    RawImapClient c = new RawImapClient(server.port());
                    c.readLine();
                    c.command("a", "LOGIN " + ImapTestServer.USER + " " + ImapTestServer.PASSWORD);
                    c.command("b", "SELECT INBOX");
                    c.send("c IDLE");
                    c.expect("\\+ .*");
                    clients.add(c);
                }
                long after = usedHeap();
                System.out.printf("bench: %d IDLE sessions on a 50-message INBOX: %.1f KiB heap per session"
                        + " (client sockets in the same JVM included)%n", sessions, (after - before) / 1024.0 / sessions);
                long d0 = System.nanoTime();
                server.deliver("wake up", "x");
                for (RawImapClient c : clients) {
                    c.expect("\\* 51 EXISTS");
                }
                System.out.printf("bench: new mail reached all %d IDLE sessions in %.1f ms%n", sessions,
                        (System.nanoTime() - d0) / 1e6);
            } finally {
                clients.forEach(RawImapClient::close);
            }
        }
    }

    private static int env(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
