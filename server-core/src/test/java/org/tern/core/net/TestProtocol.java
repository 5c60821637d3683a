package org.tern.core.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.tern.core.net.mina.MinaConnection;

/**
 * A tiny line protocol exercising every server-core feature. Replies start with +OK or -ERR.
 * ECHO x, COUNT n (n bytes follow), DATA (dot-terminated), STARTTLS, PAUSE ms, SLOW ms, SECURE, WRITES,
 * BIG n (streams n bytes), IDLE s, QUIT.
 */
final class TestProtocol implements ProtocolHandlerFactory {

    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger disconnects = new AtomicInteger();
    final AtomicInteger concurrentCalls = new AtomicInteger();
    final AtomicInteger overlapping = new AtomicInteger();
    private final ScheduledExecutorService scheduler;

    TestProtocol(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public String protocol() {
        return "test";
    }

    @Override
    public Framing newFraming() {
        return line -> {
            String s = new String(line, StandardCharsets.ISO_8859_1);
            if (s.startsWith("COUNT ")) {
                return FrameAction.counted(Long.parseLong(s.substring(6).trim()));
            }
            if (s.equals("DATA") || s.equals("STARTTLS") || s.startsWith("PAUSE")) {
                return FrameAction.PAUSE;
            }
            return FrameAction.LINES;
        };
    }

    @Override
    public ProtocolHandler create(Connection connection) {
        return new Handler(connection);
    }

    static String escape(byte[] data, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = off; i < off + len; i++) {
            int b = data[i] & 0xff;
            if (b == '\r') {
                sb.append("\\r");
            } else if (b == '\n') {
                sb.append("\\n");
            } else if (b < 0x20 || b >= 0x7f || b == '\\') {
                sb.append(String.format("\\x%02x", b));
            } else {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private final class Handler implements ProtocolHandler {
        private final Connection c;
        private final ByteArrayOutputStream content = new ByteArrayOutputStream();
        private int chunks;

        Handler(Connection c) {
            this.c = c;
        }

        private void enter() {
            if (concurrentCalls.incrementAndGet() > 1) {
                overlapping.incrementAndGet();
            }
        }

        private void leave() {
            concurrentCalls.decrementAndGet();
        }

        @Override
        public void onConnect() {
            connects.incrementAndGet();
            c.write("+OK ready\r\n");
        }

        @Override
        public void onLine(byte[] line) {
            String s = new String(line, StandardCharsets.ISO_8859_1);
            String verb = s.contains(" ") ? s.substring(0, s.indexOf(' ')) : s;
            String arg = s.contains(" ") ? s.substring(s.indexOf(' ') + 1) : "";
            switch (verb) {
                case "QUIT" -> {
                    c.write("+OK bye\r\n");
                    c.close();
                }
                case "DATA" -> {
                    c.write("+OK 354 go\r\n");
                    c.resume(ReadMode.DOT_TERMINATED);
                }
                case "COUNT" -> {
                    if (!arg.trim().matches("\\d+")) {
                        c.write("-ERR bad count\r\n");
                    }
                    // else content follows
                }
                case "NPSTARTTLS", "STARTTLS" -> {
                    c.write("+OK begin TLS\r\n");
                    c.startTls();
                }
                case "PAUSE" -> {
                    c.write("+OK paused\r\n");
                    c.flush();
                    scheduler.schedule(() -> c.resume(ReadMode.LINES), Long.parseLong(arg), TimeUnit.MILLISECONDS);
                }
                case "SLOW" -> {
                    CompletableFuture<Void> delay = new CompletableFuture<>();
                    scheduler.schedule(() -> delay.complete(null), Long.parseLong(arg), TimeUnit.MILLISECONDS);
                    c.await(delay.thenRun(() -> c.write("+OK slow done\r\n")));
                }
                case "SECURE" -> c.write("+OK secure=" + c.isSecure() + "\r\n");
                case "QUEUED" -> c.write("+OK queued=" + ((MinaConnection) c).maxQueuedInput() + "\r\n");
                case "WRITES" -> c.write("+OK writes=" + ((MinaConnection) c).writesFlushed() + "\r\n");
                case "IDLE" -> {
                    c.setIdleTimeout(Duration.ofSeconds(Long.parseLong(arg)));
                    c.write("+OK idle " + arg + "\r\n");
                }
                case "BIG" -> big(Long.parseLong(arg));
                case "BUSY" -> {
                    enter();
                    try {
                        Thread.sleep(Long.parseLong(arg));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        leave();
                    }
                    c.write("+OK busy\r\n");
                }
                case "FILL" -> {
                    // many lines, no reply
                }
                default -> c.write("+OK " + line.length + ":" + escape(line, 0, line.length) + "\r\n");
            }
        }

        private void big(long n) {
            c.write("+OK big " + n + "\r\n");
            try {
                c.writeStream(new PatternStream(n), n);
                c.write("\r\n+OK end\r\n");
            } catch (IOException e) {
                // the client went away
            }
        }

        @Override
        public void onLineTooLong() {
            c.write("-ERR line too long\r\n");
        }

        @Override
        public void onContent(byte[] data, int offset, int length, boolean end) {
            content.write(data, offset, length);
            chunks++;
            if (end) {
                byte[] all = content.toByteArray();
                String shown = escape(all, 0, Math.min(all.length, 300));
                c.write("+OK content " + all.length + " " + shown + "\r\n");
                content.reset();
                chunks = 0;
            }
        }

        @Override
        public void onIdleTimeout() {
            c.write("-ERR idle timeout\r\n");
        }

        @Override
        public void onDisconnect() {
            disconnects.incrementAndGet();
        }
    }

    /** n bytes of a repeating pattern, generated on the fly. */
    static final class PatternStream extends InputStream {
        private final long length;
        private long position;

        PatternStream(long length) {
            this.length = length;
        }

        static byte at(long i) {
            return (byte) ('a' + (i % 26));
        }

        @Override
        public int read() {
            return position < length ? at(position++) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = at(position++);
            }
            return n;
        }
    }
}
