package org.tern.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** One client connection as the protocol sees it. Thread-safe; normally used from the handler's context. */
public interface Connection {

    /** Short unique id for logs: {@code session=<id>}. */
    String id();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** True for 127.0.0.0/8 and ::1 clients. */
    boolean isLoopback();

    /** True once TLS is established (implicit TLS or after STARTTLS). */
    boolean isSecure();

    ListenerSpec listener();

    /** Queues bytes; they are sent when the current batch of input has been handled, or on {@link #flush()}. */
    void write(byte[] bytes);

    /** Queues a string encoded as UTF-8. */
    void write(String text);

    /** Sends what is queued now. */
    void flush();

    /**
     * Streams {@code length} bytes from {@code in} (a blob) to the client with back-pressure, never holding
     * the whole body in memory. Queued writes go first. Blocks the handler until the bytes are handed to the
     * socket or the connection closes.
     */
    void writeStream(InputStream in, long length) throws IOException;

    /** Ends a {@link FrameAction#PAUSE}: reads what follows in {@code mode}. */
    void resume(ReadMode mode);

    /**
     * Ends a {@link FrameAction#PAUSE} after a STARTTLS-type command: flushes queued replies in plaintext,
     * starts the TLS handshake, discards any plaintext the client sent after the command (CVE-2011-0411),
     * then reads lines again. Fails (closing the connection) if the listener has no TLS context.
     */
    void startTls();

    /** Runs a task in this connection's ordered context (e.g. a store event for an IDLE session). */
    void execute(Runnable task);

    /**
     * Holds back further input events and tasks until {@code stage} completes (e.g. an auth throttling delay),
     * without blocking a thread.
     */
    void await(CompletionStage<?> stage);

    /** Changes this connection's idle timeout (IMAP IDLE, SMTP DATA). */
    void setIdleTimeout(Duration timeout);

    /** Flushes queued writes, then closes. */
    void close();

    boolean isOpen();
}
