package org.tern.pop3.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DotStufferTest {

    private static String run(DotStuffer s, String message, int chunk) {
        byte[] in = message.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[DotStuffer.maxOutput(chunk)];
        for (int i = 0; i < in.length && !s.isDone(); i += chunk) {
            int n = Math.min(chunk, in.length - i);
            int m = s.transform(in, i, n, buf, 0);
            out.write(buf, 0, m);
        }
        out.writeBytes(s.finish());
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void stuffsDotsAtLineStartOnly() {
        String msg = "Subject: x\r\n\r\n.hidden\r\na.b\r\n..two\r\n.\r\nend\r\n";
        assertThat(run(DotStuffer.whole(), msg, 1000))
                .isEqualTo("Subject: x\r\n\r\n..hidden\r\na.b\r\n...two\r\n..\r\nend\r\n.\r\n");
    }

    @Test
    void dotAtVeryStartAndAcrossChunkBoundaries() {
        String msg = ".first\r\n\r\nline\r\n.x\r\n";
        String expected = "..first\r\n\r\nline\r\n..x\r\n.\r\n";
        for (int chunk = 1; chunk <= msg.length(); chunk++) {
            assertThat(run(DotStuffer.whole(), msg, chunk)).as("chunk %d", chunk).isEqualTo(expected);
        }
    }

    @Test
    void addsCrlfWhenMissing() {
        assertThat(run(DotStuffer.whole(), "A: b\r\n\r\nno newline", 100)).isEqualTo("A: b\r\n\r\nno newline\r\n.\r\n");
        assertThat(run(DotStuffer.whole(), "A: b\r\n\r\nends with cr\r", 100)).isEqualTo("A: b\r\n\r\nends with cr\r\n.\r\n");
        assertThat(run(DotStuffer.whole(), "A: b\n\nbare lf\n", 100)).isEqualTo("A: b\n\nbare lf\n\r\n.\r\n");
        assertThat(run(DotStuffer.whole(), "", 100)).isEqualTo(".\r\n");
    }

    @Test
    void bareLfStartsALineForStuffing() {
        assertThat(run(DotStuffer.whole(), "A: b\n\n.dot\n", 100)).isEqualTo("A: b\n\n..dot\n\r\n.\r\n");
    }

    @Test
    void topZeroSendsHeaderAndBlankLine() {
        String msg = "From: a\r\nSubject: s\r\n\r\nbody1\r\nbody2\r\n";
        assertThat(run(DotStuffer.top(0), msg, 7)).isEqualTo("From: a\r\nSubject: s\r\n\r\n.\r\n");
    }

    @Test
    void topNSendsNBodyLines() {
        String msg = "From: a\r\n\r\nbody1\r\n.body2\r\nbody3\r\n";
        assertThat(run(DotStuffer.top(2), msg, 3)).isEqualTo("From: a\r\n\r\nbody1\r\n..body2\r\n.\r\n");
        assertThat(run(DotStuffer.top(10), msg, 3)).isEqualTo("From: a\r\n\r\nbody1\r\n..body2\r\nbody3\r\n.\r\n");
    }

    @Test
    void topOfMessageWithoutBodySendsEverything() {
        assertThat(run(DotStuffer.top(0), "From: a\r\nTo: b\r\n", 4)).isEqualTo("From: a\r\nTo: b\r\n.\r\n");
    }

    @Test
    void unstuffingTheOutputGivesTheMessageBack() throws IOException {
        Random r = new Random(42);
        byte[] alphabet = ".\r\nab".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(300);
            for (int i = 0; i < len; i++) {
                sb.append((char) alphabet[r.nextInt(alphabet.length)]);
            }
            String msg = sb.toString().replace("\r", "").replace("\n", "\r\n") + "\r\n";
            String sent = run(DotStuffer.whole(), msg, 1 + r.nextInt(17));
            assertThat(sent).endsWith("\r\n.\r\n");
            String body = sent.substring(0, sent.length() - 3);
            assertThat(unstuff(body)).isEqualTo(msg);
        }
    }

    private static String unstuff(String s) {
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\r\n", -1)) {
            out.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return out.substring(0, out.length() - 2);
    }

    @Test
    void senderStreamsInChunks() throws IOException {
        byte[] big = ("X: y\r\n\r\n" + ".line\r\n".repeat(50_000)).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] writes = {0};
        ResponseOutput sink = (b, off, len) -> {
            writes[0]++;
            out.write(b, off, len);
        };
        MessageSender sender = new MessageSender(null);
        sender.send(new ByteArrayInputStream(big), big.length, DotStuffer.whole(), sink);
        assertThat(writes[0]).isGreaterThan(3);
        String text = out.toString(StandardCharsets.US_ASCII);
        assertThat(text).startsWith("X: y\r\n\r\n..line\r\n").endsWith("..line\r\n.\r\n");
        assertThat(text.length()).isEqualTo(big.length + 50_000 + 3);
    }
}
