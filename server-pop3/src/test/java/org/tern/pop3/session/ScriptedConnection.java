package org.tern.pop3.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.tern.core.net.Connection;
import org.tern.core.net.ListenerSpec;
import org.tern.core.net.ReadMode;

/**
 * A connection without a socket for handler-level tests: records what the handler writes and the framing calls
 * (resume, startTls, close). Awaited stages must already be complete (the test's authenticator completes at once).
 */
final class ScriptedConnection implements Connection {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final ListenerSpec spec;
    private boolean secure;
    private boolean open = true;
    int resumes;
    int tlsStarts;

    ScriptedConnection(ListenerSpec.TlsMode tls) {
        this.spec = new ListenerSpec("pop3", new InetSocketAddress("127.0.0.1", 110), tls, Duration.ofMinutes(10), 8192);
        this.secure = tls == ListenerSpec.TlsMode.IMPLICIT;
    }

    /** Everything written since the last call. */
    synchronized String take() {
        String s = written.toString(StandardCharsets.UTF_8);
        written.reset();
        return s;
    }

    @Override
    public String id() {
        return "test1";
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public InetSocketAddress localAddress() {
        return spec.address();
    }

    @Override
    public boolean isLoopback() {
        return true;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public ListenerSpec listener() {
        return spec;
    }

    @Override
    public synchronized void write(byte[] bytes) {
        if (open) {
            written.writeBytes(bytes);
        }
    }

    @Override
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
    }

    @Override
    public void writeStream(InputStream in, long length) throws IOException {
        write(in.readNBytes((int) length));
    }

    @Override
    public void resume(ReadMode mode) {
        resumes++;
    }

    @Override
    public void startTls() {
        tlsStarts++;
        secure = true;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public void await(CompletionStage<?> stage) {
        if (!stage.toCompletableFuture().isDone()) {
            throw new IllegalStateException("test stages complete at once");
        }
    }

    @Override
    public void setIdleTimeout(Duration timeout) {
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
