package org.tern.pop3.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.UidSet;
import org.tern.store.testing.TestMailStores;

/** curl and python3's poplib against the live server; skipped with a message when the tool is missing. */
class Pop3ExternalClientsTest {

    @TempDir
    Path dir;

    private record Result(int exit, String out) {
    }

    private static boolean available(String... probe) {
        try {
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void curlListsAndRetrievesOverStlsAndImplicitTls() throws Exception {
        assumeTrue(available("curl", "--version"), "curl is not installed: skipping the curl POP3 test");
        try (Pop3TestServer server = Pop3TestServer.start(dir)) {
            Account a = server.account("bob@example.org", "bobpw");
            server.deliver(a, TestMailStores.message("curl one", "first body"));
            server.deliver(a, TestMailStores.message("curl two", ".dotted\r\nsecond body"));
            int port = server.pop3Address().getPort();
            Result list = run(List.of("curl", "-sS", "--max-time", "30", "-u", "bob@example.org:bobpw",
                    "pop3://127.0.0.1:" + port + "/"));
            assertThat(list.exit()).as(list.out()).isZero();
            assertThat(list.out().lines().toList()).hasSize(2).allMatch(l -> l.matches("\\d \\d+"));
            Result retr = run(List.of("curl", "-sS", "--max-time", "30", "--ssl-reqd", "-k", "-u", "bob@example.org:bobpw",
                    "pop3://127.0.0.1:" + port + "/2"));
            assertThat(retr.exit()).as(retr.out()).isZero();
            assertThat(retr.out()).contains("Subject: curl two").contains("\r\n.dotted\r\nsecond body");
            Result tls = run(List.of("curl", "-sS", "--max-time", "30", "-k", "-u", "bob@example.org:bobpw",
                    "pop3s://127.0.0.1:" + server.pop3sAddress().getPort() + "/1"));
            assertThat(tls.exit()).as(tls.out()).isZero();
            assertThat(tls.out()).contains("Subject: curl one").contains("first body");
            Result dele = run(List.of("curl", "-sS", "--max-time", "30", "-k", "-u", "bob@example.org:bobpw",
                    "-X", "DELE", "-I", "pop3s://127.0.0.1:" + server.pop3sAddress().getPort() + "/1"));
            assertThat(dele.exit()).as(dele.out()).isZero();
            waitForCount(server, a, 1);
        }
    }

    @Test
    void pythonPoplibDownloadsAndDeletes() throws Exception {
        assumeTrue(available("python3", "-c", "import poplib, ssl"), "python3 with poplib is not installed: skipping");
        try (Pop3TestServer server = Pop3TestServer.start(dir)) {
            Account a = server.account("carol@example.org", "carol pw");
            for (int i = 1; i <= 3; i++) {
                server.deliver(a, TestMailStores.message("py " + i, "..double\r\nbody " + i));
            }
            String script = String.join("\n",
                    "import poplib, ssl, sys, time",
                    "t0 = time.time()",
                    "port, sport = int(sys.argv[1]), int(sys.argv[2])",
                    "ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE",
                    "p = poplib.POP3('127.0.0.1', port, timeout=20)",
                    "caps = p.capa()",
                    "assert 'STLS' in caps and 'UIDL' in caps and 'TOP' in caps, caps",
                    "p.stls(ctx)",
                    "p.user('carol@example.org'); p.pass_('carol pw')",
                    "count, size = p.stat()",
                    "print('stat', count, size, 'after %.3fs' % (time.time() - t0))",
                    "uids = [l.split()[1].decode() for l in p.uidl()[1]]",
                    "print('uidl', len(set(uids)))",
                    "for i in range(1, count + 1):",
                    "    lines = p.retr(i)[1]",
                    "    assert b'..double' in lines, lines",
                    "    assert b'Subject: py %d' % i in lines, lines",
                    "top = p.top(1, 0)[1]",
                    "assert top[-1] == b'' and b'Subject: py 1' in top, top",
                    "p.dele(1); p.dele(2)",
                    "print('quit', p.quit().decode())",
                    "q = poplib.POP3_SSL('127.0.0.1', sport, context=ctx, timeout=20)",
                    "import time",
                    "for attempt in range(50):",
                    "    try:",
                    "        q.user('carol@example.org'); q.pass_('carol pw'); break",
                    "    except poplib.error_proto as e:",
                    "        if b'IN-USE' not in e.args[0]: raise",
                    "        time.sleep(0.05)",
                    "print('after', q.stat()[0], 'at %.3fs' % (time.time() - t0))",
                    "q.quit()");
            Result r = run(List.of("python3", "-c", script, String.valueOf(server.pop3Address().getPort()),
                    String.valueOf(server.pop3sAddress().getPort())));
            assertThat(r.exit()).as(r.out()).isZero();
            System.out.println(r.out());
            assertThat(r.out()).contains("stat 3 ").contains("uidl 3").contains("quit +OK").contains("after 1");
            assertThat(server.store.messages().list(server.inbox(a), UidSet.ALL)).hasSize(1);
        }
    }

    private static void waitForCount(Pop3TestServer server, Account a, int expected) throws InterruptedException {
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = server.store.messages().list(server.inbox(a), UidSet.ALL).size();
            seen.add(n);
            if (n == expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("INBOX count never became " + expected + ": " + seen);
    }
}
