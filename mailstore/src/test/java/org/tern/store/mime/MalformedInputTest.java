package org.tern.store.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tern.store.mime.MessageParserTest.assertAllOffsetsConsistent;
import static org.tern.store.mime.MessageParserTest.crlf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Hostile and mangled input: the parser must degrade, never throw, never recurse without bound. */
class MalformedInputTest {

    private static final List<String> SAMPLES = List.of(
            new String(MessageParserBenchmarkTest.fourKiB(), StandardCharsets.US_ASCII),
            crlf("From: \"A (x)\" <a@b>, G: c@d;", "Content-Type: multipart/mixed; boundary=\"q\"", "", "pre",
                    "--q", "Content-Type: message/rfc822", "", "Subject: s", "Content-Type: multipart/digest; b",
                    " oundary=d", "", "--d", "", "To: x@y", "", "z", "--d--", "--q", "Content-Type: text/plain;",
                    " name*0*=utf-8''%C3; name*1*=%A9; name*=x", "", "t", "--q--", "epi"));

    @Test
    void randomlyMangledMessagesNeverThrowAndStayConsistent() throws IOException {
        Random random = new Random(42);
        byte[] specials = "-\r\n:;\"()<>@,=*'%\\ \t".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 1_000; round++) {
            byte[] raw = SAMPLES.get(round % SAMPLES.size()).getBytes(StandardCharsets.US_ASCII);
            int edits = 1 + random.nextInt(20);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(raw.length);
                raw[at] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : specials[random.nextInt(specials.length)];
            }
            if (random.nextInt(4) == 0) {
                raw = Arrays.copyOf(raw, random.nextInt(raw.length + 1));
            }
            MessageFacts f = MessageParserTest.parse(raw);
            assertThat(f.size()).isEqualTo(raw.length);
            assertAllOffsetsConsistent(f.body(), raw.length);
            assertThat(MessageFactsCodec.decode(MessageFactsCodec.encode(f))).isEqualTo(f);
            MessageText.contains(new ByteArrayInputStream(raw), "fox", MessageText.Scope.TEXT);
        }
    }

    @Test
    void deepNestingIsBounded() throws IOException {
        StringBuilder sb = new StringBuilder();
        int depth = 5_000;
        for (int i = 0; i < depth; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        }
        sb.append("\r\nleaf\r\n");
        byte[] raw = sb.toString().getBytes(StandardCharsets.US_ASCII);
        MessageFacts f = MessageParserTest.parse(raw);
        int levels = 0;
        BodyPart p = f.body();
        while (!p.children().isEmpty()) {
            p = p.children().get(0);
            levels++;
        }
        assertThat(levels).isEqualTo(MessageParser.MAX_DEPTH - 1);
        assertThat(p.type()).isEqualTo("text");
        assertThat(MessageFactsCodec.decode(MessageFactsCodec.encode(f))).isEqualTo(f);

        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            messages.append("Content-Type: message/rfc822\r\n\r\n");
        }
        MessageFacts nested = MessageParserTest.parse(messages.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(nested.size()).isEqualTo(messages.length());
    }

    @Test
    void partCountIsBounded() throws IOException {
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=p\r\n\r\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("--p\r\n\r\n").append(i).append("\r\n");
        }
        sb.append("--p--\r\n");
        byte[] raw = sb.toString().getBytes(StandardCharsets.US_ASCII);
        MessageFacts f = MessageParserTest.parse(raw);
        assertThat(f.body().children()).hasSize(MessageParser.MAX_PARTS - 1);
        assertThat(f.body().endOffset()).isEqualTo(raw.length);
    }
}
