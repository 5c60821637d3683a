package org.tern.store.jdbc;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * H2 alone, no Tern code: {@code threads} connections each run, in a loop, one transaction "UPDATE counters SET n =
 * n + 1 WHERE id = me; INSERT INTO items (owner, seq)" and COMMIT, with the store's URL settings
 * ({@code WRITE_DELAY=0}). Each thread has its own counter row, so the transactions never wait for each other and
 * their commits overlap. After kill -9, {@link #check} compares every counter with its rows: any difference is a
 * transaction that recovery left half applied.
 */
public final class CrashH2Probe {

    private static final Object SERIAL = new Object();

    private CrashH2Probe() {
    }

    /** {@code -Dcrash.h2fix=true}: through {@link HeaderCorrectingFilePath}, as the store opens its database. */
    static String url(Path dir) {
        if (Boolean.getBoolean("crash.h2fix")) {
            HeaderCorrectingFilePath.register();
            return "jdbc:h2:" + HeaderCorrectingFilePath.databaseName(dir.resolve("probe"))
                    + ";WRITE_DELAY=0;LOCK_TIMEOUT=20000;DB_CLOSE_ON_EXIT=FALSE";
        }
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("probe")
                + ";WRITE_DELAY=0;LOCK_TIMEOUT=20000;DB_CLOSE_ON_EXIT=FALSE";
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path side = Path.of(args[1]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        String url = url(dir) + (args.length > 4 ? args[4] : "");
        try (Connection keep = DriverManager.getConnection(url, "sa", "")) { // keeps the database open
            createSchema(url, threads);
            try (OutputStream out = new FileOutputStream(side.toFile(), true)) {
                out.write("READY\n".getBytes(StandardCharsets.US_ASCII));
                List<Thread> ts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int me = t;
                    ts.add(new Thread(() -> run(url, me, out)));
                }
                ts.forEach(Thread::start);
                for (Thread t : ts) {
                    t.join();
                }
            }
        }
    }

    /** Starts {@code threads} workers in this JVM (acks discarded); stop them by closing the database. */
    static List<Thread> startWorkers(String url, int threads) {
        List<Thread> ts = new ArrayList<>();
        OutputStream sink = OutputStream.nullOutputStream();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread th = new Thread(() -> run(url, me, sink), "probe-" + t);
            th.setDaemon(true);
            ts.add(th);
        }
        ts.forEach(Thread::start);
        return ts;
    }

    static void createSchema(String url, int threads) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS counters (id INT PRIMARY KEY, n BIGINT NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS items (owner INT NOT NULL, seq BIGINT NOT NULL,"
                    + " pad VARCHAR(200), PRIMARY KEY (owner, seq))");
            for (int t = 0; t < threads; t++) {
                st.execute("INSERT INTO counters (id, n) SELECT " + t + ", 0 FROM DUAL WHERE NOT EXISTS"
                        + " (SELECT 1 FROM counters WHERE id = " + t + ")");
            }
        }
    }

    private static void run(String url, int me, OutputStream out) {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            PreparedStatement up = c.prepareStatement("UPDATE counters SET n = n + 1 WHERE id = ?");
            PreparedStatement ins = c.prepareStatement("INSERT INTO items (owner, seq, pad) VALUES (?, ?, ?)");
            String pad = "x".repeat(100);
            boolean serial = Boolean.getBoolean("crash.h2serial");
            long first = 1;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM items WHERE owner = " + me)) {
                rs.next();
                first = rs.getLong(1) + 1;
            }
            c.commit();
            for (long seq = first; ; seq++) {
                // crash.h2serial: one writing transaction at a time (its COMMIT, and H2's chunk store, included)
                synchronized (serial ? SERIAL : new Object()) {
                    up.setInt(1, me);
                    up.executeUpdate();
                    ins.setInt(1, me);
                    ins.setLong(2, seq);
                    ins.setString(3, pad);
                    ins.executeUpdate();
                    c.commit();
                }
                byte[] ack = (me + " " + seq + "\n").getBytes(StandardCharsets.US_ASCII);
                synchronized (out) {
                    out.write(ack);
                }
            }
        } catch (Exception e) {
            if (out != OutputStream.nullOutputStream()) {
                e.printStackTrace();
            }
        }
    }

    /** Violations after reopening: counters that differ from their rows, acknowledged commits lost. */
    static List<String> check(Path dir, List<String> log) throws Exception {
        List<String> v = new ArrayList<>();
        java.util.Map<Integer, Long> acked = new java.util.HashMap<>();
        for (String l : log) {
            String[] p = l.split(" ");
            if (p.length == 2) {
                acked.merge(Integer.parseInt(p[0]), Long.parseLong(p[1]), Math::max);
            }
        }
        try (Connection c = DriverManager.getConnection(url(dir), "sa", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.id, c.n, (SELECT COUNT(*) FROM items i WHERE i.owner = c.id),"
                     + " (SELECT MAX(seq) FROM items i WHERE i.owner = c.id) FROM counters c ORDER BY c.id")) {
            while (rs.next()) {
                int id = rs.getInt(1);
                long n = rs.getLong(2);
                long rows = rs.getLong(3);
                long max = rs.getLong(4);
                long a = acked.getOrDefault(id, 0L);
                if (n != rows || rows != max) {
                    v.add("counter " + id + ": n=" + n + " but " + rows + " rows (max seq " + max + ", last acked "
                            + a + ")");
                }
                if (max < a) {
                    v.add("counter " + id + ": acknowledged seq " + a + " lost (" + rows + " rows)");
                }
            }
        }
        return v;
    }
}
