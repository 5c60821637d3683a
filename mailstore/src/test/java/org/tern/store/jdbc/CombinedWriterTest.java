package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.StoreUnavailableException;

/** Units that commit together: prerequisites ensured once, a failed one fails alone, one sync asked for a COMMIT. */
class CombinedWriterTest {

    @TempDir
    Path dir;
    ConnectionPool pool;
    CombinedWriter writer;
    /** What happened, in order, across the writer thread and the test. */
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong syncRequests = new AtomicLong();

    @BeforeEach
    void open() throws Exception {
        pool = new ConnectionPool("jdbc:h2:" + dir.resolve("db") + ";WRITE_DELAY=0", "sa", "", 4);
        Connection c = pool.borrow();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (name VARCHAR(20) PRIMARY KEY)");
        }
        SnapshotPins pins = SnapshotPins.of(c);
        pool.release(c);
        writer = new CombinedWriter(pool, new SimpleMeterRegistry(), new ReentrantLock(), pins,
                syncRequests::incrementAndGet);
    }

    @AfterEach
    void close() {
        writer.close();
        pool.close();
    }

    private CombinedWriter.Unit<String> insert(String name, CombinedWriter.Prerequisite prerequisite) {
        return writer.submit(tx -> {
            events.add("run " + name);
            tx.update("INSERT INTO t (name) VALUES (?)", name);
            return name;
        }, prerequisite);
    }

    private CombinedWriter.Prerequisite recorded(String name, boolean holds) {
        return () -> {
            events.add("ensure " + name);
            if (!holds) {
                throw new IOException("fdatasync failed");
            }
        };
    }

    private List<String> names() throws Exception {
        Connection c = pool.borrow();
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT name FROM t ORDER BY name")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } finally {
            pool.release(c);
        }
    }

    /** Holds the writer thread in a first batch, so that what is submitted meanwhile commits as one batch. */
    private CountDownLatch blockWriter() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        writer.submit(tx -> {
            tx.nothingChanged();
            running.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }, null);
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void aBatchEnsuresItsPrerequisitesBeforeItsStatementsAndAsksForOneSync() throws Exception {
        CountDownLatch release = blockWriter();
        long before = syncRequests.get();
        var a = insert("a", recorded("a", true));
        var b = insert("b", recorded("b", true));
        release.countDown();

        assertThat(a.awaitCommitted()).isEqualTo("a");
        assertThat(b.awaitCommitted()).isEqualTo("b");
        assertThat(events).containsExactly("ensure a", "ensure b", "run a", "run b");
        assertThat(names()).containsExactly("a", "b");
        assertThat(syncRequests.get() - before).as("one sync for the one COMMIT of a and b").isEqualTo(1);
        assertThat(a.syncTicket()).isPositive().isEqualTo(b.syncTicket()).isEqualTo(syncRequests.get());
    }

    @Test
    void aUnitWhosePrerequisiteFailsFailsAloneAndTheOthersCommit() throws Exception {
        CountDownLatch release = blockWriter();
        var a = insert("a", recorded("a", true));
        var b = insert("b", recorded("b", false));
        var c = insert("c", null);
        release.countDown();

        assertThat(a.awaitCommitted()).isEqualTo("a");
        assertThat(c.awaitCommitted()).isEqualTo("c");
        assertThatThrownBy(b::awaitCommitted).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("not durable");
        assertThat(names()).containsExactly("a", "c");
        assertThat(events).doesNotContain("run b");
    }

    @Test
    void aBatchThatWritesNothingAsksForNoSync() throws Exception {
        long before = syncRequests.get();
        var read = writer.submit(tx -> {
            tx.nothingChanged();
            return tx.queryLong("SELECT COUNT(*) FROM t");
        }, null);
        assertThat(read.awaitCommitted()).isZero();
        assertThat(read.syncTicket()).isZero();
        assertThat(syncRequests.get()).isEqualTo(before);
    }
}
