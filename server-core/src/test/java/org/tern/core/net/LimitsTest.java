package org.tern.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.tern.core.testing.LineClient;
import org.tern.core.testing.TestServerContext;

class LimitsTest {

    @Test
    void idleTimeoutCallsTheHandlerThenCloses() throws Exception {
        try (TestServerContext ctx = TestServerContext.create(); NetworkServer server = new NetworkServer(ctx.context())) {
            ListenerSpec spec = ctx.spec("pop3");
            ListenerSpec quick = new ListenerSpec(spec.name(), spec.address(), spec.tls(), Duration.ofSeconds(1), spec.maxLineLength());
            BoundListener listener = server.bind(quick, new TestProtocol(ctx.scheduler()));
            try (LineClient c = LineClient.connect(listener.boundAddress())) {
                c.expect("\\+OK ready");
                c.expect("-ERR idle timeout");
                assertThat(c.isClosedByServer()).isTrue();
            }
            try (LineClient c = LineClient.connect(listener.boundAddress())) {
                c.expect("\\+OK ready");
                c.sendLine("ECHO alive").expect("\\+OK 10:ECHO alive");
            }
        }
    }

    @Test
    void handlerCanChangeTheIdleTimeout() {
        try (TestServerContext ctx = TestServerContext.create(); NetworkServer server = new NetworkServer(ctx.context())) {
            BoundListener listener = server.bind(ctx.spec("imap"), new TestProtocol(ctx.scheduler()));
            try (LineClient c = LineClient.connect(listener.boundAddress())) {
                c.expect("\\+OK ready");
                c.sendLine("IDLE 1").expect("\\+OK idle 1");
                c.expect("-ERR idle timeout");
                assertThat(c.isClosedByServer()).isTrue();
            }
        }
    }

    @Test
    void connectionsPerIpAreCappedPerListener() throws Exception {
        try (TestServerContext ctx = TestServerContext.create(Map.of("limits.connections-per-ip", "3"));
             NetworkServer server = new NetworkServer(ctx.context())) {
            TestProtocol protocol = new TestProtocol(ctx.scheduler());
            BoundListener smtp = server.bind(ctx.spec("smtp"), protocol);
            BoundListener imap = server.bind(ctx.spec("imap"), protocol);
            List<LineClient> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                LineClient c = LineClient.connect(smtp.boundAddress());
                c.expect("\\+OK ready");
                open.add(c);
            }
            try (LineClient refused = LineClient.connect(smtp.boundAddress())) {
                assertThat(refused.isClosedByServer()).isTrue();
            }
            try (LineClient other = LineClient.connect(imap.boundAddress())) {
                other.expect("\\+OK ready");
            }
            open.remove(0).close();
            waitFor(() -> smtp.connectionCount() == 2);
            try (LineClient again = LineClient.connect(smtp.boundAddress())) {
                again.expect("\\+OK ready");
            }
            open.forEach(LineClient::close);
            assertThat(ctx.registry().get("tern.connections.refused").tag("listener", "smtp").counter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void manyIdleConnectionsNeedNoThreadEach() throws Exception {
        int count = Integer.getInteger("tern.test.idleConnections", 1000);
        try (TestServerContext ctx = TestServerContext.create(Map.of("limits.connections-per-ip", "0"));
             NetworkServer server = new NetworkServer(ctx.context())) {
            BoundListener listener = server.bind(ctx.spec("imap"), new TestProtocol(ctx.scheduler()));
            int threadsBefore = Thread.activeCount();
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long heapBefore = rt.totalMemory() - rt.freeMemory();
            long start = System.nanoTime();
            List<Socket> sockets = new ArrayList<>(count);
            try {
                for (int i = 0; i < count; i++) {
                    Socket s = new Socket();
                    s.connect(listener.boundAddress(), 10_000);
                    s.setSoTimeout(10_000);
                    sockets.add(s);
                }
                for (Socket s : sockets) {
                    InputStream in = s.getInputStream();
                    assertThat(new String(in.readNBytes(11))).isEqualTo("+OK ready\r\n");
                }
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                waitFor(() -> listener.connectionCount() == count);
                System.gc();
                long heapAfter = rt.totalMemory() - rt.freeMemory();
                int threadsAfter = Thread.activeCount();
                System.out.printf("idle connections: %d open and greeted in %d ms; threads %d -> %d; heap +%d KiB (~%d bytes per connection)%n",
                        count, elapsedMs, threadsBefore, threadsAfter, (heapAfter - heapBefore) / 1024,
                        Math.max(0, heapAfter - heapBefore) / count);
                assertThat(threadsAfter - threadsBefore).isLessThan(40);
                try (LineClient c = LineClient.connect(listener.boundAddress())) {
                    c.expect("\\+OK ready");
                    c.sendLine("ECHO alive").expect("\\+OK 10:ECHO alive");
                }
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
            waitFor(() -> listener.connectionCount() == 0);
        }
    }

    /**
     * 10,000 idle clients need 20,000 descriptors in one JVM, more than many machines allow: here the clients live
     * in a python3 process. Run with {@code -Dtern.test.externalIdleConnections=10000}.
     */
    @Test
    void tenThousandIdleConnectionsFromAnotherProcess() throws Exception {
        int count = Integer.getInteger("tern.test.externalIdleConnections", 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(count > 0, "set -Dtern.test.externalIdleConnections=10000");
        try (TestServerContext ctx = TestServerContext.create(Map.of("limits.connections-per-ip", "0"));
             NetworkServer server = new NetworkServer(ctx.context())) {
            BoundListener listener = server.bind(ctx.spec("imap"), new TestProtocol(ctx.scheduler()));
            int threadsBefore = Thread.activeCount();
            String script = String.join("\n",
                    "import socket, sys, resource",
                    "resource.setrlimit(resource.RLIMIT_NOFILE, (resource.getrlimit(resource.RLIMIT_NOFILE)[1],) * 2)",
                    "n, port = int(sys.argv[1]), int(sys.argv[2])",
                    "socks = [socket.create_connection(('127.0.0.1', port), timeout=30) for _ in range(n)]",
                    "ok = sum(1 for s in socks if s.recv(11) == b'+OK ready\\r\\n')",
                    "print(ok, flush=True)",
                    "sys.stdin.read()");
            Process p = new ProcessBuilder("python3", "-c", script, String.valueOf(count),
                    String.valueOf(listener.boundAddress().getPort())).redirectErrorStream(true).start();
            long start = System.nanoTime();
            try {
                String greeted = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                assertThat(greeted).isEqualTo(String.valueOf(count));
                waitFor(() -> listener.connectionCount() == count);
                System.gc();
                Runtime rt = Runtime.getRuntime();
                System.out.printf("external idle connections: %d greeted in %d ms; server threads %d -> %d; heap used %d MiB%n",
                        count, elapsedMs, threadsBefore, Thread.activeCount(), (rt.totalMemory() - rt.freeMemory()) >> 20);
                try (LineClient c = LineClient.connect(listener.boundAddress())) {
                    c.expect("\\+OK ready");
                    c.sendLine("ECHO alive").expect("\\+OK 10:ECHO alive");
                }
            } finally {
                p.getOutputStream().close();
                p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                p.destroyForcibly();
            }
            waitFor(() -> listener.connectionCount() == 0);
        }
    }

    @Test
    void closingTheServerLeavesNoThreads() throws Exception {
        try (TestServerContext ctx = TestServerContext.create()) {
            runServerOnce(ctx);
            Set<String> baseline = serverThreads();
            for (int i = 0; i < 3; i++) {
                runServerOnce(ctx);
            }
            waitFor(() -> serverThreads().size() <= baseline.size());
            assertThat(serverThreads()).hasSizeLessThanOrEqualTo(baseline.size());
        }
    }

    private static void runServerOnce(TestServerContext ctx) {
        try (NetworkServer server = new NetworkServer(ctx.context())) {
            TestProtocol protocol = new TestProtocol(ctx.scheduler());
            BoundListener plain = server.bind(ctx.spec("imap"), protocol);
            BoundListener tls = server.bind(ctx.spec("imaps"), protocol);
            LineClient a = LineClient.connect(plain.boundAddress());
            a.expect("\\+OK ready");
            a.sendLine("STARTTLS").expect("\\+OK begin TLS");
            a.startTls();
            a.sendLine("SECURE").expect("\\+OK secure=true");
            LineClient b = LineClient.connectTls(tls.boundAddress());
            b.expect("\\+OK ready");
            // left open on purpose: closing the server must close them
        }
    }

    /** Live threads except the test context's executor and scheduler and the JVM's own. */
    private static Set<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> !n.startsWith("tern-test-")).collect(Collectors.toSet());
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }

}
