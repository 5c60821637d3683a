package org.tern.store.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tern.store.mime.MessageParserTest.crlf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.tern.store.mime.BodySections.Range;
import org.tern.store.mime.BodySections.Text;

/** RFC 3501 §6.4.5 section numbering, checked on the RFC's own example structure (abridged). */
class BodySectionsTest {

    private static final String INNER = crlf("Subject: inner", "Content-Type: multipart/mixed; boundary=in", "",
            "--in", "Content-Type: text/plain", "", "3.1 text", "--in", "Content-Type: application/octet-stream", "",
            "3.2 data", "--in--");
    private static final String MSG = crlf("Subject: top", "Content-Type: multipart/mixed; boundary=top", "",
            "--top", "Content-Type: text/plain", "", "part 1", "--top", "Content-Type: application/octet-stream", "",
            "part 2", "--top", "Content-Type: message/rfc822", "", INNER, "--top",
            "Content-Type: multipart/alternative; boundary=alt", "", "--alt", "Content-Type: text/plain", "", "4.1",
            "--alt", "Content-Type: text/html", "", "4.2", "--alt--", "--top--", "");
    private static final byte[] RAW = MSG.getBytes(StandardCharsets.US_ASCII);

    private static String section(MessageFacts f, Text text, int... path) {
        Range r = BodySections.range(f, text, path).orElseThrow();
        return new String(Arrays.copyOfRange(RAW, (int) r.offset(), (int) (r.offset() + r.length())),
                StandardCharsets.US_ASCII);
    }

    @Test
    void resolvesTheRfcExampleSections() throws IOException {
        MessageFacts f = MessageParserTest.parse(RAW);
        assertThat(section(f, Text.NONE)).isEqualTo(MSG);
        assertThat(section(f, Text.HEADER)).isEqualTo(MSG.substring(0, MSG.indexOf("--top")));
        assertThat(section(f, Text.TEXT)).isEqualTo(MSG.substring(MSG.indexOf("--top")));
        assertThat(section(f, Text.NONE, 1)).isEqualTo("part 1");
        assertThat(section(f, Text.MIME, 1)).isEqualTo("Content-Type: text/plain\r\n\r\n");
        assertThat(section(f, Text.NONE, 2)).isEqualTo("part 2");
        assertThat(section(f, Text.NONE, 3)).isEqualTo(INNER);
        assertThat(section(f, Text.HEADER, 3)).isEqualTo(INNER.substring(0, INNER.indexOf("--in")));
        assertThat(section(f, Text.TEXT, 3)).isEqualTo(INNER.substring(INNER.indexOf("--in")));
        assertThat(section(f, Text.NONE, 3, 1)).isEqualTo("3.1 text");
        assertThat(section(f, Text.NONE, 3, 2)).isEqualTo("3.2 data");
        assertThat(section(f, Text.MIME, 3, 2)).isEqualTo("Content-Type: application/octet-stream\r\n\r\n");
        assertThat(section(f, Text.NONE, 4, 1)).isEqualTo("4.1");
        assertThat(section(f, Text.NONE, 4, 2)).isEqualTo("4.2");
        assertThat(BodySections.range(f, Text.NONE, 5)).isEmpty();
        assertThat(BodySections.range(f, Text.NONE, 0)).isEmpty();
        assertThat(BodySections.range(f, Text.NONE, 1, 1)).isEmpty();
        assertThat(BodySections.range(f, Text.HEADER, 1)).isEmpty();
        assertThat(BodySections.range(f, Text.MIME)).isEmpty();
        assertThat(BodySections.range(f, Text.NONE, 3, 3)).isEmpty();
    }

    @Test
    void singlePartMessageHasPartOne() throws IOException {
        byte[] raw = crlf("Subject: s", "", "only").getBytes(StandardCharsets.US_ASCII);
        MessageFacts f = MessageParserTest.parse(raw);
        Range r = BodySections.range(f, Text.NONE, 1).orElseThrow();
        assertThat(r).isEqualTo(new Range(f.headerSize(), 4));
        assertThat(BodySections.range(f, Text.NONE, 2)).isEmpty();
        assertThat(BodySections.range(f, Text.NONE, 1, 1)).isEmpty();
        // an attached message with a single-part body: 1.1 is that body
        byte[] nested = crlf("Content-Type: message/rfc822", "", "Subject: in", "", "x").getBytes(
                StandardCharsets.US_ASCII);
        MessageFacts nf = MessageParserTest.parse(nested);
        assertThat(BodySections.range(nf, Text.NONE, 1, 1).orElseThrow().length()).isEqualTo(1);
        assertThat(BodySections.range(nf, Text.HEADER, 1).orElseThrow().length()).isEqualTo(15);
    }
}
