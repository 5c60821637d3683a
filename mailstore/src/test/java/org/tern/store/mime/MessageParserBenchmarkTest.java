package org.tern.store.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Prints parse figures (no timed assertions): a 4 KiB multipart message and a 30 MB streamed attachment. */
class MessageParserBenchmarkTest {

    static byte[] fourKiB() {
        StringBuilder sb = new StringBuilder();
        sb.append("Return-Path: <alice@example.org>\r\nReceived: from mx.example.org by tern; Fri, 27 Nov 2026\r\n")
                .append("From: Alice Example <alice@example.org>\r\nTo: Bob <bob@example.com>, carol@example.com\r\n")
                .append("Cc: Team: dave@example.com, erin@example.com;\r\nSubject: =?UTF-8?Q?Quarterly_r=C3=A9port?=\r\n")
                .append("Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <bench@example.org>\r\n")
                .append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"=_outer\"\r\n\r\n")
                .append("--=_outer\r\nContent-Type: multipart/alternative; boundary=\"=_alt\"\r\n\r\n")
                .append("--=_alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        while (sb.length() < 2000) {
            sb.append("The quick brown fox jumps over the lazy dog, again and again.\r\n");
        }
        sb.append("--=_alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>\r\n--=_alt--\r\n")
                .append("--=_outer\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\n")
                .append("Content-Disposition: attachment; filename*=UTF-8''r%C3%A9port.pdf\r\n")
                .append("Content-Transfer-Encoding: base64\r\n\r\n");
        while (sb.length() < 4000) {
            sb.append("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n");
        }
        sb.append("--=_outer--\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void fourKiBMessage() throws IOException {
        byte[] raw = fourKiB();
        MessageParser parser = new MessageParser();
        for (int i = 0; i < 2_000; i++) {
            parser.parse(new ByteArrayInputStream(raw));
        }
        int n = 5_000;
        long t0 = System.nanoTime();
        MessageFacts f = null;
        for (int i = 0; i < n; i++) {
            f = parser.parse(new ByteArrayInputStream(raw));
        }
        long t1 = System.nanoTime();
        int codecN = 5_000;
        byte[] enc = MessageFactsCodec.encode(f);
        for (int i = 0; i < codecN; i++) {
            MessageFactsCodec.decode(MessageFactsCodec.encode(f));
        }
        long t2 = System.nanoTime();
        System.out.printf("mime bench: %d-byte message parse %.1f us; facts %d bytes encoded, encode+decode %.1f us%n",
                raw.length, (t1 - t0) / 1000.0 / n, enc.length, (t2 - t1) / 1000.0 / codecN);
        assertThat(f.body().children()).hasSize(2);
    }

    @Test
    void thirtyMegabyteAttachmentStreamsInBoundedMemory() throws IOException {
        byte[] head = ("From: a@example.org\r\nContent-Type: multipart/mixed; boundary=big\r\n\r\n--big\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--big--\r\n".getBytes(StandardCharsets.US_ASCII);
        long bodyBytes = 30L * 1024 * 1024;
        InputStream in = new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(head),
                new GeneratedBase64(bodyBytes)), new ByteArrayInputStream(tail));
        MessageParser parser = new MessageParser();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        MessageFacts f = parser.parse(in);
        long t1 = System.nanoTime();
        long after = rt.totalMemory() - rt.freeMemory();
        System.out.printf("mime bench: 30 MiB attachment parsed in %d ms, heap delta %d KiB (no GC forced between)%n",
                (t1 - t0) / 1_000_000, (after - before) / 1024);
        BodyPart part = f.body().children().get(0);
        assertThat(part.size()).isEqualTo(bodyBytes);
        assertThat(f.size()).isEqualTo(head.length + bodyBytes + tail.length);
        assertThat(part.bodyOffset()).isEqualTo(head.length);
    }

    /** Emits {@code total} bytes of 76-character base64 lines without holding them. */
    static final class GeneratedBase64 extends InputStream {
        private final long total;
        private long produced;
        private final byte[] line;

        GeneratedBase64(long total) {
            this.total = total;
            line = new byte[78];
            Arrays.fill(line, (byte) 'Q');
            line[76] = '\r';
            line[77] = '\n';
        }

        @Override
        public int read() {
            if (produced >= total) {
                return -1;
            }
            return line[(int) (produced++ % line.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (produced >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - produced);
            for (int i = 0; i < n; i++) {
                b[off + i] = line[(int) ((produced + i) % line.length)];
            }
            produced += n;
            return n;
        }
    }
}
