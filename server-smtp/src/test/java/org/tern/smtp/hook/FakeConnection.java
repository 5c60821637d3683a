package org.tern.smtp.hook;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.tern.core.net.Connection;
import org.tern.core.net.ListenerSpec;
import org.tern.core.net.ReadMode;

/** A connection without a socket, for testing policy decisions on a session: records what is written. */
final class FakeConnection implements Connection {

    private final ListenerSpec listener;
    private final boolean secure;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    FakeConnection(String listenerName, ListenerSpec.TlsMode tls, boolean secure) {
        this.listener = new ListenerSpec(listenerName, new InetSocketAddress("127.0.0.1", 0), tls,
                Duration.ofMinutes(5), 8192);
        this.secure = secure;
    }

    String written() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String id() {
        return "test";
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("192.0.2.7", 40000);
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 25);
    }

    @Override
    public boolean isLoopback() {
        return false;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public ListenerSpec listener() {
        return listener;
    }

    @Override
    public void write(byte[] bytes) {
        written.writeBytes(bytes);
    }

    @Override
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
    }

    @Override
    public void writeStream(InputStream in, long length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void resume(ReadMode mode) {
    }

    @Override
    public void startTls() {
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public void await(CompletionStage<?> stage) {
        stage.toCompletableFuture().join();
    }

    @Override
    public void setIdleTimeout(Duration timeout) {
    }

    @Override
    public void close() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }
}
