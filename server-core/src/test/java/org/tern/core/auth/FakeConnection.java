package org.tern.core.auth;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.tern.core.net.Connection;
import org.tern.core.net.ListenerSpec;

/** Just enough of a connection for the authenticator: an address and a listener name. */
record FakeConnection(String ip, ListenerSpec listener) implements Connection {

    static FakeConnection from(String ip) {
        return new FakeConnection(ip, new ListenerSpec("submission", new InetSocketAddress("127.0.0.1", 0),
                ListenerSpec.TlsMode.STARTTLS, Duration.ofMinutes(5), 8192));
    }

    @Override public String id() { return "test-" + ip; }
    @Override public InetSocketAddress remoteAddress() { return new InetSocketAddress(ip, 40000); }
    @Override public InetSocketAddress localAddress() { return new InetSocketAddress("127.0.0.1", 587); }
    @Override public boolean isLoopback() { return remoteAddress().getAddress().isLoopbackAddress(); }
    @Override public boolean isSecure() { return true; }
    @Override public void write(byte[] bytes) { }
    @Override public void write(String text) { }
    @Override public void flush() { }
    @Override public void writeStream(InputStream in, long length) { }
    @Override public void resume(org.tern.core.net.ReadMode mode) { }
    @Override public void startTls() { }
    @Override public void execute(Runnable task) { task.run(); }
    @Override public void await(CompletionStage<?> stage) { }
    @Override public void setIdleTimeout(Duration timeout) { }
    @Override public void close() { }
    @Override public boolean isOpen() { return true; }
}
