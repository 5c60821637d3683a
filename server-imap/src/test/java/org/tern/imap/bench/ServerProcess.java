package org.tern.imap.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link ImapBenchServer} in a child JVM with its own -Xmx, commanded line by line over its stdin/stdout. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final OutputStream in;
    private final int port;
    private final long pid;

    ServerProcess(String xmx) throws IOException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx" + xmx, "-Xms" + xmx, "-XX:+UseG1GC",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("java.class.path"), ImapBenchServer.class.getName()));
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = process.getOutputStream();
        String first = reply("PORT ");
        String[] w = first.split(" ");
        port = Integer.parseInt(w[1]);
        pid = Long.parseLong(w[3]);
    }

    int port() {
        return port;
    }

    long pid() {
        return pid;
    }

    /** Sends a command line and returns the server's OK line split in words (fails on ERR). */
    String[] call(String command) throws IOException {
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String line = reply("OK ");
        return line.split(" ");
    }

    /** CPU time (user + system, all threads) the server process used so far, in ms (10 ms resolution). */
    long cpuMillis() throws IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 and 15 of proc(5) are utime and stime in clock ticks (USER_HZ = 100 on Linux)
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    /** Heap used after GC, committed, max, thread count. */
    long[] heap() throws IOException {
        String[] w = call("HEAP");
        return new long[] {Long.parseLong(w[2]), Long.parseLong(w[3]), Long.parseLong(w[4]), Long.parseLong(w[5])};
    }

    private String reply(String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("ERR")) {
                throw new IOException("server: " + line);
            }
            System.err.println("[server] " + line);
        }
        throw new IOException("server process ended");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            in.write("QUIT\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException ignored) {
            // already gone
        }
        // the harness deletes its temporary store on close: 100,000 blob files take a while
        if (!process.waitFor(600, TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
