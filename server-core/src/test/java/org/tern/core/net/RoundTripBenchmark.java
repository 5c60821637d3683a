package org.tern.core.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tern.core.testing.LineClient;
import org.tern.core.testing.TestServerContext;

/** Prints round-trip latency of a pipelined 4-command batch on 16 connections. Run with -Dtern.bench=true. */
class RoundTripBenchmark {

    @Test
    void pipelinedBatches() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("tern.bench"), "set -Dtern.bench=true");
        int connections = 16;
        int batches = 2000;
        try (TestServerContext ctx = TestServerContext.create(); NetworkServer server = new NetworkServer(ctx.context())) {
            BoundListener listener = server.bind(ctx.spec("smtp"), new TestProtocol(ctx.scheduler()));
            ExecutorService clients = Executors.newFixedThreadPool(connections);
            List<Future<long[]>> results = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                results.add(clients.submit(() -> {
                    long[] micros = new long[batches];
                    try (LineClient c = LineClient.connect(listener.boundAddress())) {
                        c.expect("\\+OK ready");
                        for (int b = 0; b < batches; b++) {
                            long t = System.nanoTime();
                            c.send("ECHO a\r\nECHO b\r\nECHO c\r\nECHO d\r\n");
                            for (int k = 0; k < 4; k++) {
                                c.readLine();
                            }
                            micros[b] = (System.nanoTime() - t) / 1000;
                        }
                    }
                    return micros;
                }));
            }
            long[] all = new long[connections * batches];
            int n = 0;
            for (Future<long[]> f : results) {
                for (long v : f.get()) {
                    all[n++] = v;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            clients.shutdown();
            Arrays.sort(all);
            System.out.printf("round trips: %d batches of 4 commands on %d connections in %.1f s = %.0f batches/s; "
                    + "p50 %d us, p99 %d us, max %d us%n", all.length, connections, seconds, all.length / seconds,
                    all[all.length / 2], all[all.length * 99 / 100], all[all.length - 1]);
        }
    }
}
