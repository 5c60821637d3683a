package org.tern.smtp.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.tern.store.blob.IncomingMessage;

class MessageReceiverTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 27, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final byte[] TRACE = "Received: x\r\n".getBytes(StandardCharsets.US_ASCII);

    /** A body kept in memory: enough to check what the receiver writes, in a unit test without a store. */
    static final class MemoryMessage extends IncomingMessage {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean discarded;
        boolean closed;

        @Override
        public long size() {
            return bytes.size();
        }

        @Override
        public void discard() {
            discarded = true;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static void feed(MessageReceiver r, String s, int chunk) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += chunk) {
            r.write(b, i, Math.min(chunk, b.length - i));
        }
    }

    @Test
    void mxPrependsTraceAndStreamsUnchanged() {
        MemoryMessage m = new MemoryMessage();
        MessageReceiver r = new MessageReceiver(m, TRACE, 1000, null, 100, NOW);
        feed(r, "Subject: hi\r\n\r\nbody\r\n", 3);
        assertThat(r.finish()).isEqualTo(MessageReceiver.Status.COMPLETE);
        assertThat(m.text()).isEqualTo("Received: x\r\nSubject: hi\r\n\r\nbody\r\n");
        assertThat(r.receivedBytes()).isEqualTo(21);
        assertThat(m.closed).isTrue();
    }

    @Test
    void submissionAddsMissingMessageIdAndDate() {
        MemoryMessage m = new MemoryMessage();
        MessageReceiver r = new MessageReceiver(m, TRACE, 1000, new HeaderCompletion("mx.example"), 100, NOW);
        feed(r, "Subject: hi\r\n\r\nDate: not a header\r\n", 1);
        r.finish();
        assertThat(m.text()).startsWith("Received: x\r\nMessage-ID: <").contains("@mx.example>\r\n")
                .contains("Date: Fri, 27 Nov 2026 12:00:00 +0000\r\nSubject: hi\r\n\r\nDate: not a header\r\n");
    }

    @Test
    void submissionKeepsPresentFieldsWhateverTheirCase() {
        MemoryMessage m = new MemoryMessage();
        MessageReceiver r = new MessageReceiver(m, TRACE, 1000, new HeaderCompletion("mx.example"), 100, NOW);
        String msg = "message-id: <x@y>\r\nDATE : Fri, 1 Jan 2021 00:00:00 +0000\r\n\r\nbody\r\n";
        feed(r, msg, 7);
        r.finish();
        assertThat(m.text()).isEqualTo("Received: x\r\n" + msg);
    }

    @Test
    void headerOnlyMessageAndCapStillComplete() {
        MemoryMessage m = new MemoryMessage();
        MessageReceiver r = new MessageReceiver(m, TRACE, 10_000, new HeaderCompletion("h"), 16, NOW);
        String msg = "X-Long: " + "a".repeat(100) + "\r\nMessage-ID: <late@x>\r\n";
        feed(r, msg, 5);
        r.finish();
        // Past the cap the receiver stops looking; the body is intact after the added fields.
        assertThat(m.text()).endsWith(msg).contains("Date: ");
    }

    @Test
    void tooBigKeepsCountingAndDiscards() {
        MemoryMessage m = new MemoryMessage();
        MessageReceiver r = new MessageReceiver(m, TRACE, 10, null, 100, NOW);
        feed(r, "0123456789ABCDEF", 4);
        assertThat(r.finish()).isEqualTo(MessageReceiver.Status.TOO_BIG);
        assertThat(r.receivedBytes()).isEqualTo(16);
        assertThat(m.discarded).isTrue();
    }
}
