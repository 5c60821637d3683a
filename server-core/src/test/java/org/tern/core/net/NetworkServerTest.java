package org.tern.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tern.core.testing.LineClient;
import org.tern.core.testing.TestServerContext;

class NetworkServerTest {

    private TestServerContext ctx;
    private NetworkServer server;
    private TestProtocol protocol;
    private BoundListener listener;

    @BeforeEach
    void start() {
        ctx = TestServerContext.create();
        server = new NetworkServer(ctx.context());
        protocol = new TestProtocol(ctx.scheduler());
        listener = server.bind(ctx.spec("smtp"), protocol);
    }

    @AfterEach
    void stop() {
        server.close();
        ctx.close();
    }

    private LineClient connect() {
        LineClient c = LineClient.connect(listener.boundAddress());
        c.expect("\\+OK ready");
        return c;
    }

    private void assertStillServes() {
        try (LineClient c = connect()) {
            c.sendLine("ECHO alive").expect("\\+OK 10:ECHO alive");
        }
    }

    @Test
    void linesWithCrlfAndBareLf() {
        try (LineClient c = connect()) {
            c.send("hello\r\n").expect("\\+OK 5:hello");
            c.send("bare\n").expect("\\+OK 4:bare");
            c.send("split").send(" line\r").send("\n").expect("\\+OK 10:split line");
            c.send("\r\n").expect("\\+OK 0:");
            c.send("mid\rcr\r\n").expect("\\+OK 6:mid\\\\rcr");
        }
    }

    @Test
    void tooLongLineIsDiscardedUpToLf() {
        int max = listener.spec().maxLineLength();
        try (LineClient c = connect()) {
            c.send("x".repeat(max) + "\r\n").expect("\\+OK " + max + ":x+");
            c.send("y".repeat(max + 1) + "\r\n").expect("-ERR line too long");
            c.send("z".repeat(100_000)).send("z".repeat(100_000) + "\nECHO next\r\n");
            c.expect("-ERR line too long");
            c.expect("\\+OK 9:ECHO next");
        }
    }

    @Test
    void pipelinedBatchIsAnsweredInOneWrite() {
        try (LineClient c = connect()) {
            c.send("ECHO a\r\nECHO b\r\nECHO c\r\nWRITES\r\n");
            c.expect("\\+OK 6:ECHO a");
            c.expect("\\+OK 6:ECHO b");
            c.expect("\\+OK 6:ECHO c");
            // Only the greeting was written when WRITES ran: the batch's replies were still queued.
            c.expect("\\+OK writes=1");
            c.sendLine("WRITES").expect("\\+OK writes=2");
        }
    }

    @Test
    void countedContentAcrossReads() throws Exception {
        try (LineClient c = connect()) {
            c.send("COUNT 10\r\n01234");
            Thread.sleep(50);
            c.send("567");
            Thread.sleep(50);
            c.send("89ECHO after\r\n");
            c.expect("\\+OK content 10 0123456789");
            c.expect("\\+OK 10:ECHO after");
            c.send("COUNT 0\r\nECHO zero\r\n");
            c.expect("\\+OK content 0 ");
            c.expect("\\+OK 9:ECHO zero");
            c.send("COUNT 4\r\n\r\n\r\n");
            c.expect("\\+OK content 4 \\\\r\\\\n\\\\r\\\\n");
        }
    }

    @Test
    void dotTerminatedContentIsUnstuffedWithTerminatorSplitAcrossReads() throws Exception {
        try (LineClient c = connect()) {
            c.sendLine("DATA").expect("\\+OK 354 go");
            String[] parts = {"line one\r\n..dotted\r\n.x\r\n", "\r", "\n.", "\r", "\nECHO after\r\n"};
            for (String p : parts) {
                c.send(p);
                Thread.sleep(30);
            }
            c.expect("\\+OK content 24 line one\\\\r\\\\n\\.dotted\\\\r\\\\nx\\\\r\\\\n\\\\r\\\\n");
            c.expect("\\+OK 10:ECHO after");
        }
    }

    @Test
    void loneDotIsEmptyContentAndDataCanBePipelined() {
        try (LineClient c = connect()) {
            c.send("DATA\r\n.\r\nDATA\r\nbody\r\n.\r\nECHO x\r\n");
            c.expect("\\+OK 354 go");
            c.expect("\\+OK content 0 ");
            c.expect("\\+OK 354 go");
            c.expect("\\+OK content 6 body\\\\r\\\\n");
            c.expect("\\+OK 6:ECHO x");
        }
    }

    @Test
    void dotAloneOnLineWithBareLfEndsContentAndDotCrNotLfIsKept() {
        try (LineClient c = connect()) {
            c.sendLine("DATA").expect("\\+OK 354 go");
            c.send("a\n.\rb\r\n.\n");
            c.expect("\\+OK content 6 a\\\\n\\\\rb\\\\r\\\\n");
        }
    }

    @Test
    void pauseHoldsInputUntilResume() {
        try (LineClient c = connect()) {
            long start = System.nanoTime();
            c.send("PAUSE 300\r\nECHO held\r\n");
            c.expect("\\+OK paused");
            c.expect("\\+OK 9:ECHO held");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void awaitHoldsLaterInput() {
        try (LineClient c = connect()) {
            c.send("SLOW 200\r\nECHO after\r\n");
            c.expect("\\+OK slow done");
            c.expect("\\+OK 10:ECHO after");
        }
    }

    @Test
    void handlerCallsOfOneConnectionNeverOverlap() throws Exception {
        try (LineClient c = connect()) {
            c.send("BUSY 20\r\n".repeat(10));
            for (int i = 0; i < 10; i++) {
                c.expect("\\+OK busy");
            }
        }
        assertThat(protocol.overlapping.get()).isZero();
    }

    @Test
    void slowHandlerStopsReadingInsteadOfQueueingEverything() throws Exception {
        byte[] line = "FILL 0123456789012345678901234567890123456789\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int lines = 200_000;
        try (LineClient c = connect()) {
            c.sendLine("BUSY 1500");
            Thread writer = new Thread(() -> {
                byte[] block = new byte[line.length * 1000];
                for (int i = 0; i < 1000; i++) {
                    System.arraycopy(line, 0, block, i * line.length, line.length);
                }
                for (int i = 0; i < lines / 1000; i++) {
                    c.send(block);
                }
                c.sendLine("QUEUED");
            });
            writer.start();
            c.expect("\\+OK busy");
            String queued = c.expect("\\+OK queued=\\d+");
            writer.join();
            long max = Long.parseLong(queued.substring(queued.indexOf('=') + 1));
            // ~10 MB of input (~23 MB counting per-event overhead) sent while the handler was stuck.
            assertThat(max).isLessThan(4L << 20);
        }
        assertStillServes();
    }

    @Test
    void streamsLargeBodies() {
        int n = 5_000_000;
        try (LineClient c = connect()) {
            c.sendLine("BIG " + n).expect("\\+OK big " + n);
            byte[] body = c.readBytes(n);
            for (int i = 0; i < n; i += 9973) {
                assertThat(body[i]).isEqualTo(TestProtocol.PatternStream.at(i));
            }
            c.expect("");
            c.expect("\\+OK end");
        }
    }

    @Test
    void quitClosesAfterReply() {
        try (LineClient c = connect()) {
            c.sendLine("QUIT").expect("\\+OK bye");
            assertThat(c.isClosedByServer()).isTrue();
        }
        assertStillServes();
    }

    @Test
    void framingFailureOnOddInputKeepsTheSession() {
        try (LineClient c = connect()) {
            c.sendLine("COUNT abc").expect("-ERR bad count");
            c.sendLine("ECHO ok").expect("\\+OK 7:ECHO ok");
        }
    }

    @Test
    void binaryGarbageAndNulBytes() {
        byte[] garbage = new byte[20_000];
        new java.util.Random(42).nextBytes(garbage);
        try (LineClient c = connect()) {
            c.send("A\0B\r\n").expect("\\+OK 3:A\\\\x00B");
            c.send(garbage).send("\r\nECHO ok\r\n");
            c.expectEventually("\\+OK 7:ECHO ok");
        }
        assertStillServes();
    }

    @Test
    void halfCloseStillGetsReplies() throws Exception {
        try (LineClient c = connect()) {
            c.send("ECHO one\r\nECHO two\r\n");
            c.socket().shutdownOutput();
            c.expect("\\+OK 8:ECHO one");
            c.expect("\\+OK 8:ECHO two");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void portInUseIsReportedWithListenerAndAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ListenerSpec spec = ListenerSpecs.withAddress(ctx.spec("smtp"), InetSocketAddress.createUnresolved("127.0.0.1", port));
            assertThatThrownBy(() -> server.bind(spec, protocol))
                    .isInstanceOf(ListenerStartException.class)
                    .hasMessage("cannot listen for smtp on 127.0.0.1:" + port + ": Address already in use");
        }
        assertStillServes();
    }

    @Test
    void onDisconnectIsCalledOnce() throws Exception {
        try (LineClient c = connect()) {
            c.sendLine("ECHO x").expect("\\+OK 6:ECHO x");
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (protocol.disconnects.get() < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertThat(protocol.disconnects.get()).isEqualTo(1);
        assertThat(listener.connectionCount()).isZero();
    }

    @Test
    void sessionMetrics() {
        try (LineClient c = connect()) {
            assertThat(ctx.registry().get("tern.connections.active").tag("listener", "smtp").gauge().value()).isEqualTo(1.0);
        }
        assertThat(ctx.registry().get("tern.sessions").tag("listener", "smtp").counter().count()).isEqualTo(1.0);
    }

    @Test
    void listenerSpecsFromConfig() {
        assertThat(ListenerSpecs.fromConfig(ctx.config())).extracting(ListenerSpec::name)
                .containsExactly("smtp", "submission", "smtps", "imap", "imaps", "pop3", "pop3s");
        ListenerSpec smtps = ListenerSpecs.forName(ctx.config(), "smtps");
        assertThat(smtps.tls()).isEqualTo(ListenerSpec.TlsMode.IMPLICIT);
        assertThat(smtps.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(smtps.maxLineLength()).isEqualTo(8192);
        assertThat(ListenerSpecs.forName(ctx.config(), "imap").tls()).isEqualTo(ListenerSpec.TlsMode.STARTTLS);
        assertThat(ListenerSpecs.forName(ctx.config(), "imap").idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(ListenerSpecs.forName(ctx.config(), "pop3s").idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        try (TestServerContext other = TestServerContext.create(Map.of("pop3.listen", "", "pop3s.listen", ""))) {
            assertThat(ListenerSpecs.fromConfig(other.config())).extracting(ListenerSpec::name)
                    .containsExactly("smtp", "submission", "smtps", "imap", "imaps");
        }
    }
}
