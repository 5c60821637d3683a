package org.tern.imap.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many IMAP sessions held in IDLE by a few selector threads: each logs in, selects a mailbox and idles like a
 * real client (one command at a time), then records when the first {@code * n EXISTS} (or untagged FETCH) after
 * {@link #arm} arrives.
 */
final class IdleSwarm implements AutoCloseable {

    private enum State { GREETING, LOGIN, SELECT, IDLE_SENT, IDLING, FAILED }

    private final class Session {
        final int index;
        final SocketChannel channel;
        final StringBuilder partial = new StringBuilder();
        State state = State.GREETING;
        long exists = -1;

        Session(int index, SocketChannel channel) {
            this.index = index;
            this.channel = channel;
        }
    }

    private final InetSocketAddress address;
    private final String login;
    private final String mailbox;
    private final Selector[] selectors;
    private final Thread[] threads;
    private final List<ConcurrentLinkedQueue<Session>> pending = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();
    private final Semaphore setupSlots;
    private final AtomicInteger idling = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile boolean running = true;
    private volatile long[] arrivals = new long[0];
    private volatile boolean armed;
    private final AtomicInteger received = new AtomicInteger();

    IdleSwarm(int port, String user, String password, String mailbox, int threadCount, int maxInSetup)
            throws IOException {
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.login = "LOGIN \"" + user + "\" \"" + password + "\"";
        this.mailbox = mailbox;
        this.setupSlots = new Semaphore(maxInSetup);
        this.selectors = new Selector[threadCount];
        this.threads = new Thread[threadCount];
        for (int i = 0; i < threadCount; i++) {
            selectors[i] = Selector.open();
            pending.add(new ConcurrentLinkedQueue<>());
            int n = i;
            threads[i] = new Thread(() -> loop(n), "idle-swarm-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /** Opens {@code count} sessions (at most maxInSetup logging in at once); returns when all idle or failed. */
    void open(int count) throws IOException, InterruptedException {
        arrivals = new long[count];
        for (int i = 0; i < count; i++) {
            while (!setupSlots.tryAcquire(60, TimeUnit.SECONDS)) {
                System.err.println("  setup stalled: idling=" + idling + " failed=" + failed);
            }
            SocketChannel ch = SocketChannel.open();
            ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(address);
            ch.configureBlocking(false);
            Session s = new Session(i, ch);
            sessions.add(s);
            int t = i % selectors.length;
            pending.get(t).add(s);
            selectors[t].wakeup();
            if ((i + 1) % 1000 == 0) {
                System.out.println("  opened " + (i + 1) + " connections, idling " + idling + ", failed " + failed);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (idling.get() + failed.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    int idling() {
        return idling.get();
    }

    int failed() {
        return failed.get();
    }

    /** From now on, the first EXISTS or untagged FETCH each idling session reads is timed. */
    void arm() {
        arrivals = new long[sessions.size()];
        received.set(0);
        armed = true;
    }

    /** Waits until {@code expected} sessions received an update or the timeout; returns arrival times (0 = none). */
    long[] await(int expected, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        armed = false;
        return arrivals.clone();
    }

    private void loop(int n) {
        Selector selector = selectors[n];
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (running) {
            try {
                selector.select(100);
                Session s;
                while ((s = pending.get(n).poll()) != null) {
                    s.channel.register(selector, SelectionKey.OP_READ, s);
                }
                var it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    Session session = (Session) key.attachment();
                    try {
                        read(session, buf);
                    } catch (IOException e) {
                        fail(session, e.toString());
                        key.cancel();
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    System.err.println("swarm selector error: " + e);
                }
            }
        }
    }

    private void read(Session s, ByteBuffer buf) throws IOException {
        buf.clear();
        int r = s.channel.read(buf);
        if (r < 0) {
            throw new IOException("closed by server");
        }
        long now = System.nanoTime();
        buf.flip();
        while (buf.hasRemaining()) {
            char c = (char) (buf.get() & 0xff);
            if (c == '\n') {
                int end = s.partial.length();
                if (end > 0 && s.partial.charAt(end - 1) == '\r') {
                    end--;
                }
                String line = s.partial.substring(0, end);
                s.partial.setLength(0);
                onLine(s, line, now);
            } else {
                s.partial.append(c);
            }
        }
    }

    private void onLine(Session s, String line, long now) throws IOException {
        switch (s.state) {
            case GREETING -> {
                if (line.startsWith("* OK")) {
                    s.state = State.LOGIN;
                    write(s, "a " + login);
                } else {
                    fail(s, line);
                }
            }
            case LOGIN -> {
                if (line.startsWith("a OK")) {
                    s.state = State.SELECT;
                    write(s, "b SELECT \"" + mailbox + "\"");
                } else if (line.startsWith("a ")) {
                    fail(s, line);
                }
            }
            case SELECT -> {
                if (line.startsWith("* ") && line.endsWith(" EXISTS")) {
                    s.exists = Long.parseLong(line.substring(2, line.length() - 7));
                } else if (line.startsWith("b OK")) {
                    s.state = State.IDLE_SENT;
                    write(s, "c IDLE");
                } else if (line.startsWith("b ")) {
                    fail(s, line);
                }
            }
            case IDLE_SENT -> {
                if (line.startsWith("+")) {
                    s.state = State.IDLING;
                    idling.incrementAndGet();
                    setupSlots.release();
                } else if (line.startsWith("c ")) {
                    fail(s, line);
                }
            }
            case IDLING -> {
                if (line.startsWith("* BYE")) {
                    fail(s, line);
                } else if (armed && line.startsWith("* ") && (line.endsWith(" EXISTS") || line.contains(" FETCH "))
                        && arrivals[s.index] == 0) {
                    arrivals[s.index] = now;
                    received.incrementAndGet();
                }
            }
            case FAILED -> {
                // ignore
            }
        }
    }

    private void write(Session s, String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            if (s.channel.write(b) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    private void fail(Session s, String why) {
        State before = s.state;
        if (before == State.FAILED) {
            return;
        }
        s.state = State.FAILED;
        if (failed.incrementAndGet() <= 5) {
            System.err.println("  session " + s.index + " failed in " + before + ": " + why);
        }
        if (before == State.IDLING) {
            idling.decrementAndGet();
        } else {
            setupSlots.release();
        }
    }

    @Override
    public void close() {
        running = false;
        for (Session s : sessions) {
            try {
                s.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (int i = 0; i < selectors.length; i++) {
            selectors[i].wakeup();
            try {
                threads[i].join(5000);
                selectors[i].close();
            } catch (IOException | InterruptedException ignored) {
                // closing anyway
            }
        }
    }
}
