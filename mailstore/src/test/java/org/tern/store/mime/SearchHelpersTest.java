package org.tern.store.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tern.store.mime.MessageParserTest.crlf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tern.store.mime.HeaderFields.Field;
import org.tern.store.mime.MessageText.Scope;

class SearchHelpersTest {

    private static final String HEADER = crlf("Received: from a", "\tby b; Fri, 27 Nov 2026",
            "Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=", "From: \"Jo\" <jo@x.org>", "X-Empty:",
            "To: a@x.org,", " b@x.org", "subject: second", "", "body Subject: not a header", "");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean contains(String message, String needle, Scope scope) throws IOException {
        return MessageText.contains(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), needle, scope);
    }

    @Test
    void headerFieldsAreUnfoldedInOrderAndDecodable() {
        List<Field> fields = HeaderFields.parse(ascii(HEADER));
        assertThat(fields).extracting(Field::name)
                .containsExactly("Received", "Subject", "From", "X-Empty", "To", "subject");
        assertThat(fields.get(0).value()).isEqualTo("from a\tby b; Fri, 27 Nov 2026");
        assertThat(fields.get(1).value()).isEqualTo("=?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=");
        assertThat(fields.get(1).decodedValue()).isEqualTo("Grüße aus Köln");
        assertThat(fields.get(3).value()).isEmpty();
        assertThat(fields.get(4).value()).isEqualTo("a@x.org, b@x.org");
        assertThat(HeaderFields.first(fields, "SUBJECT")).contains(fields.get(1));
        assertThat(HeaderFields.first(fields, "cc")).isEmpty();
        assertThat(HeaderFields.decode("=?iso-8859-1?q?caf=E9?= ok")).isEqualTo("café ok");
        assertThat(HeaderFields.decode("=?bogus?q?x?=")).isNotNull();
        assertThat(HeaderFields.parse(ascii("From alice Fri Nov 27 10:00:00 2026\r\nX-A: 1\r\n")))
                .containsExactly(new Field("X-A", "1")); // an mbox separator line is not a field
        assertThat(HeaderFields.parse("Subject: Grüße\n\n".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new Field("Subject", "Grüße"));
    }

    @Test
    void headerFieldsSelectsOriginalLinesAndAddsBlankLine() {
        byte[] header = ascii(HEADER);
        assertThat(new String(HeaderFieldFilter.fields(header, List.of("SUBJECT", "to")), StandardCharsets.US_ASCII))
                .isEqualTo(crlf("Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=", "To: a@x.org,", " b@x.org",
                        "subject: second", "", ""));
        assertThat(new String(HeaderFieldFilter.fieldsNot(header, List.of("subject", "to", "x-empty")),
                StandardCharsets.US_ASCII))
                .isEqualTo(crlf("Received: from a", "\tby b; Fri, 27 Nov 2026", "From: \"Jo\" <jo@x.org>", "", ""));
        assertThat(HeaderFieldFilter.fields(header, List.of("cc"))).containsExactly('\r', '\n');
        // LF-only lines stay as stored; an unterminated last line is completed
        assertThat(new String(HeaderFieldFilter.fields(ascii("A: 1\nB: 2\n c\n\nbody"), List.of("b")),
                StandardCharsets.US_ASCII)).isEqualTo("B: 2\n c\n\r\n");
        assertThat(new String(HeaderFieldFilter.fields(ascii("A: 1"), List.of("a")), StandardCharsets.US_ASCII))
                .isEqualTo("A: 1\r\n\r\n");
    }

    @Test
    void bodySearchDecodesTransferEncodingAndCharset() throws IOException {
        String b64 = Base64.getMimeEncoder().encodeToString("Grüße aus KÖLN, schöne Stadt".getBytes(
                StandardCharsets.UTF_8));
        String msg = crlf("Subject: greeting", "Content-Type: multipart/mixed; boundary=b", "",
                "--b", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", b64,
                "--b", "Content-Type: text/html; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable",
                "", "<p>caf=E9 cr=\u0020", "=E8me</p>",
                "--b", "Content-Type: application/octet-stream", "", "secret attachment words", "--b--", "");
        assertThat(contains(msg, "köln", Scope.BODY)).isTrue();
        assertThat(contains(msg, "AUS köln", Scope.BODY)).isTrue();
        assertThat(contains(msg, "CAFÉ", Scope.BODY)).isTrue();
        assertThat(contains(msg, "café crème", Scope.BODY)).isTrue(); // soft line break joined
        assertThat(contains(msg, "secret attachment", Scope.BODY)).isFalse();
        assertThat(contains(msg, "greeting", Scope.BODY)).isFalse();
        assertThat(contains(msg, "greeting", Scope.TEXT)).isTrue();
        assertThat(contains(msg, "", Scope.BODY)).isTrue();
        assertThat(contains(msg, "not there", Scope.TEXT)).isFalse();
    }

    @Test
    void textSearchDecodesHeadersAndLooksIntoAttachedMessages() throws IOException {
        String msg = crlf("Subject: =?UTF-8?Q?R=C3=A9union?=", "Content-Type: multipart/mixed; boundary=b", "",
                "--b", "Content-Type: text/plain", "", "outer", "--b", "Content-Type: message/rfc822", "",
                "Subject: inner subject", "", "inner body text", "--b--", "");
        assertThat(contains(msg, "réunion", Scope.TEXT)).isTrue();
        assertThat(contains(msg, "inner subject", Scope.TEXT)).isTrue();
        assertThat(contains(msg, "inner subject", Scope.BODY)).isFalse();
        assertThat(contains(msg, "INNER BODY", Scope.BODY)).isTrue();
        assertThat(contains(msg, "subject: Réunion", Scope.TEXT)).isTrue();
        assertThat(contains("Subject: x\r\n\r\nplain 8bit café", "CAFÉ", Scope.BODY)).isTrue();
    }

    @Test
    void matchesAcrossReadChunksAndNotAcrossParts() throws IOException {
        String filler = "x".repeat(8190);
        assertThat(contains("\r\n" + filler + "needle here", "NEEDLE HERE", Scope.BODY)).isTrue();
        String split = crlf("Content-Type: multipart/mixed; boundary=b", "", "--b", "", "abc", "--b", "", "def",
                "--b--");
        assertThat(contains(split, "abcdef", Scope.BODY)).isFalse();
        assertThat(contains(split, "def", Scope.BODY)).isTrue();
    }

    @Test
    void foldedMatcherHandlesOverlaps() {
        FoldedMatcher m = new FoldedMatcher("aab");
        assertThat(m.feed("aaab")).isTrue();
        FoldedMatcher m2 = new FoldedMatcher("abab");
        assertThat(m2.feed("ABAABAB")).isTrue();
        FoldedMatcher m3 = new FoldedMatcher("xyz");
        assertThat(m3.feed("xy")).isFalse();
        assertThat(m3.feed("Z")).isTrue();
    }
}
