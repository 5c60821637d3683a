package org.tern.store.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tern.store.mime.BodyPart.Param;
import org.tern.store.mime.Envelope.Address;

class MessageParserTest {

    private final MessageParser parser = new MessageParser();

    static String crlf(String... lines) {
        return String.join("\r\n", lines);
    }

    static MessageFacts parse(byte[] raw) throws IOException {
        return new MessageParser().parse(new ByteArrayInputStream(raw));
    }

    static String slice(byte[] raw, long from, long to) {
        return new String(Arrays.copyOfRange(raw, (int) from, (int) to), StandardCharsets.UTF_8);
    }

    static String body(byte[] raw, BodyPart p) {
        return slice(raw, p.bodyOffset(), p.endOffset());
    }

    static String mime(byte[] raw, BodyPart p) {
        return slice(raw, p.headerOffset(), p.bodyOffset());
    }

    @Test
    void simpleTextMessageHasHandComputedOffsetsAndEnvelope() throws IOException {
        byte[] raw = crlf("From: Alice <alice@example.org>", "To: bob@example.com", "Subject: Hi",
                "Date: Fri, 27 Nov 2026 10:00:00 +0000", "Message-ID: <1@example.org>", "", "Hello", "World", "")
                .getBytes(StandardCharsets.US_ASCII);
        MessageFacts f = parser.parse(new ByteArrayInputStream(raw));

        // 33 + 21 + 13 + 39 + 29 + 2 = 137 header bytes; body "Hello\r\nWorld\r\n" = 14
        assertThat(f.headerSize()).isEqualTo(137);
        assertThat(f.size()).isEqualTo(151).isEqualTo(raw.length);
        assertThat(f.lines()).isEqualTo(8);
        BodyPart b = f.body();
        assertThat(b.type()).isEqualTo("text");
        assertThat(b.subtype()).isEqualTo("plain");
        assertThat(b.params()).containsExactly(new Param("charset", "us-ascii"));
        assertThat(b.encoding()).isEqualTo("7BIT");
        assertThat(b.headerOffset()).isZero();
        assertThat(b.bodyOffset()).isEqualTo(137);
        assertThat(b.endOffset()).isEqualTo(151);
        assertThat(b.size()).isEqualTo(14);
        assertThat(b.lines()).isEqualTo(2);
        assertThat(b.children()).isEmpty();

        Envelope e = f.envelope();
        assertThat(e.date()).isEqualTo("Fri, 27 Nov 2026 10:00:00 +0000");
        assertThat(e.subject()).isEqualTo("Hi");
        assertThat(e.from()).containsExactly(new Address("Alice", null, "alice", "example.org"));
        assertThat(e.sender()).isEqualTo(e.from());
        assertThat(e.replyTo()).isEqualTo(e.from());
        assertThat(e.to()).containsExactly(new Address(null, null, "bob", "example.com"));
        assertThat(e.cc()).isEmpty();
        assertThat(e.bcc()).isEmpty();
        assertThat(e.inReplyTo()).isNull();
        assertThat(e.messageId()).isEqualTo("<1@example.org>");
    }

    @Test
    void multipartMixedWithAttachment() throws IOException {
        String msg = crlf("From: a@example.org", "Subject: files", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"XYZ\"", "",
                "This is a preamble.",
                "--XYZ",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "Hello =C3=A9",
                "",
                "--XYZ",
                "Content-Type: application/pdf; name=\"doc.pdf\"",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"doc.pdf\"; size=6",
                "Content-ID: <pdf1@example.org>",
                "Content-Description: The document",
                "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==",
                "Content-Language: en, de",
                "Content-Location: http://example.org/doc.pdf",
                "",
                "JVBERi0x",
                "--XYZ--",
                "Epilogue here.",
                "");
        byte[] raw = msg.getBytes(StandardCharsets.US_ASCII);
        MessageFacts f = parser.parse(new ByteArrayInputStream(raw));
        BodyPart top = f.body();
        assertThat(top.isMultipart()).isTrue();
        assertThat(top.subtype()).isEqualTo("mixed");
        assertThat(top.params()).containsExactly(new Param("boundary", "XYZ"));
        assertThat(top.bodyOffset()).isEqualTo(msg.indexOf("This is a preamble"));
        assertThat(top.endOffset()).isEqualTo(raw.length);
        assertThat(top.children()).hasSize(2);

        BodyPart text = top.children().get(0);
        assertThat(text.headerOffset()).isEqualTo(msg.indexOf("Content-Type: text/plain"));
        assertThat(mime(raw, text)).isEqualTo(
                "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        assertThat(body(raw, text)).isEqualTo("Hello =C3=A9\r\n");
        assertThat(text.size()).isEqualTo(14);
        assertThat(text.lines()).isEqualTo(1);
        assertThat(text.params()).containsExactly(new Param("charset", "UTF-8"));
        assertThat(text.encoding()).isEqualTo("QUOTED-PRINTABLE");

        BodyPart pdf = top.children().get(1);
        assertThat(body(raw, pdf)).isEqualTo("JVBERi0x");
        assertThat(pdf.type()).isEqualTo("application");
        assertThat(pdf.subtype()).isEqualTo("pdf");
        assertThat(pdf.params()).containsExactly(new Param("name", "doc.pdf"));
        assertThat(pdf.encoding()).isEqualTo("BASE64");
        assertThat(pdf.size()).isEqualTo(8);
        assertThat(pdf.lines()).isZero();
        assertThat(pdf.disposition()).isEqualTo("attachment");
        assertThat(pdf.dispositionParams()).containsExactly(new Param("filename", "doc.pdf"), new Param("size", "6"));
        assertThat(pdf.id()).isEqualTo("<pdf1@example.org>");
        assertThat(pdf.description()).isEqualTo("The document");
        assertThat(pdf.md5()).isEqualTo("Q2hlY2sgSW50ZWdyaXR5IQ==");
        assertThat(pdf.language()).containsExactly("en", "de");
        assertThat(pdf.location()).isEqualTo("http://example.org/doc.pdf");
        assertThat(pdf.endOffset()).isEqualTo(msg.indexOf("\r\n--XYZ--"));
    }

    @Test
    void alternativeNestedInMixed() throws IOException {
        String msg = crlf("Content-Type: multipart/mixed; boundary=outer", "",
                "--outer",
                "Content-Type: multipart/alternative; boundary=inner",
                "",
                "--inner",
                "Content-Type: text/plain",
                "",
                "plain",
                "--inner",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<p>html</p>",
                "--inner--",
                "",
                "--outer",
                "Content-Type: image/png",
                "",
                "PNG",
                "--outer--",
                "");
        byte[] raw = msg.getBytes(StandardCharsets.US_ASCII);
        BodyPart top = parse(raw).body();
        assertThat(top.children()).hasSize(2);
        BodyPart alt = top.children().get(0);
        assertThat(alt.subtype()).isEqualTo("alternative");
        assertThat(alt.children()).extracting(BodyPart::subtype).containsExactly("plain", "html");
        assertThat(body(raw, alt.children().get(0))).isEqualTo("plain");
        assertThat(alt.children().get(0).lines()).isEqualTo(1);
        assertThat(alt.children().get(0).params()).containsExactly(new Param("charset", "us-ascii"));
        assertThat(body(raw, alt.children().get(1))).isEqualTo("<p>html</p>");
        // the multipart's body runs from its first delimiter to before the outer delimiter, epilogue included
        assertThat(body(raw, alt)).isEqualTo(msg.substring(msg.indexOf("--inner\r\n"), msg.indexOf("\r\n--outer\r\nContent-Type: image")));
        assertThat(body(raw, alt)).endsWith("--inner--\r\n");
        assertThat(body(raw, top.children().get(1))).isEqualTo("PNG");
    }

    @Test
    void messageRfc822AttachmentNestsEnvelopeAndBody() throws IOException {
        String inner = crlf("From: \"Carol C.\" <carol@example.net>", "Subject: inner", "To: undisclosed-recipients:;",
                "Content-Type: multipart/alternative; boundary=b2", "",
                "--b2", "Content-Type: text/plain", "", "inner text", "--b2--");
        String msg = crlf("From: a@example.org", "Content-Type: multipart/mixed; boundary=b1", "",
                "--b1", "Content-Type: text/plain", "", "see attached", "--b1",
                "Content-Type: message/rfc822", "", inner, "--b1--", "");
        byte[] raw = msg.getBytes(StandardCharsets.US_ASCII);
        BodyPart top = parse(raw).body();
        BodyPart rfc822 = top.children().get(1);
        assertThat(rfc822.isMessageRfc822()).isTrue();
        assertThat(body(raw, rfc822)).isEqualTo(inner);
        assertThat(rfc822.size()).isEqualTo(inner.length());
        assertThat(rfc822.lines()).isEqualTo(10);
        assertThat(rfc822.envelope().subject()).isEqualTo("inner");
        assertThat(rfc822.envelope().from()).containsExactly(new Address("Carol C.", null, "carol", "example.net"));
        assertThat(rfc822.envelope().to()).containsExactly(new Address(null, null, "undisclosed-recipients", null),
                new Address(null, null, null, null));
        BodyPart nested = rfc822.message();
        assertThat(nested.headerOffset()).isEqualTo(rfc822.bodyOffset());
        // BODY[2.HEADER] and BODY[2.TEXT]
        assertThat(mime(raw, nested)).isEqualTo(inner.substring(0, inner.indexOf("--b2")));
        assertThat(body(raw, nested)).isEqualTo(inner.substring(inner.indexOf("--b2")));
        assertThat(nested.endOffset()).isEqualTo(rfc822.endOffset());
        assertThat(nested.children()).hasSize(1);
        assertThat(body(raw, nested.children().get(0))).isEqualTo("inner text");
    }

    @Test
    void digestChildrenDefaultToMessageRfc822() throws IOException {
        String msg = crlf("Content-Type: multipart/digest; boundary=d", "", "--d", "",
                "Subject: one", "", "first", "--d--", "");
        byte[] raw = msg.getBytes(StandardCharsets.US_ASCII);
        BodyPart child = parse(raw).body().children().get(0);
        assertThat(child.isMessageRfc822()).isTrue();
        assertThat(child.envelope().subject()).isEqualTo("one");
        assertThat(body(raw, child)).isEqualTo("Subject: one\r\n\r\nfirst");
        assertThat(child.message().lines()).isEqualTo(1);
    }

    @Test
    void rfc2231ParametersAreJoinedAndDecoded() throws IOException {
        String msg = crlf("Content-Type: application/octet-stream;",
                " name*0=\"very long \";",
                " name*1=\"name.txt\"",
                "Content-Disposition: attachment;",
                " filename*=UTF-8''%E2%82%AC%20rates.txt; creation-date=\"x\"", "", "data");
        BodyPart b = parse(msg.getBytes(StandardCharsets.US_ASCII)).body();
        assertThat(b.params()).containsExactly(new Param("name", "very long name.txt"));
        assertThat(b.dispositionParams()).containsExactly(new Param("filename", "\u20ac rates.txt"),
                new Param("creation-date", "x"));
        String continued = crlf("Content-Type: text/plain; title*0*=us-ascii'en'This%20is%20;",
                " title*1*=%2A%2A%2Afun%2A%2A%2A; title*2=\" isn't it!\"", "", "x");
        assertThat(parse(continued.getBytes(StandardCharsets.US_ASCII)).body().params())
                .containsExactly(new Param("title", "This is ***fun*** isn't it!"));
    }

    @Test
    void groupsRoutesCommentsAndQuotedNames() {
        assertThat(AddressParser.parse("Friends: a@x.org, \"B, Jr.\" <b@y.org>;, c@z.org (Cee)"))
                .containsExactly(new Address(null, null, "Friends", null),
                        new Address(null, null, "a", "x.org"),
                        new Address("B, Jr.", null, "b", "y.org"),
                        new Address(null, null, null, null),
                        new Address("Cee", null, "c", "z.org"));
        assertThat(AddressParser.parse("<@relay.org,@r2.org:joe@example.org>"))
                .containsExactly(new Address(null, "@relay.org,@r2.org", "joe", "example.org"));
        assertThat(AddressParser.parse("=?UTF-8?Q?J=C3=B6rg?= <j@x.de>"))
                .containsExactly(new Address("=?UTF-8?Q?J=C3=B6rg?=", null, "j", "x.de"));
        assertThat(AddressParser.parse("John Q. Public <jqp@x.org>, \"a b\"@c.org"))
                .containsExactly(new Address("John Q. Public", null, "jqp", "x.org"),
                        new Address(null, null, "\"a b\"", "c.org"));
        assertThat(AddressParser.parse("Empty:;")).containsExactly(new Address(null, null, "Empty", null),
                new Address(null, null, null, null));
        assertThat(AddressParser.parse("postmaster")).containsExactly(
                new Address(null, null, "postmaster", AddressParser.MISSING_DOMAIN));
        assertThat(AddressParser.parse("<>")).containsExactly(
                new Address(null, null, AddressParser.MISSING_MAILBOX, AddressParser.MISSING_DOMAIN));
        assertThat(AddressParser.parse(">>,,<;:@")).isNotNull();
        assertThat(AddressParser.parse("a) b] <c@d>")).containsExactly(new Address("a ) b ]", null, "c", "d"));
        assertThat(AddressParser.parse("   ")).isEmpty();
    }

    @Test
    void missingHeadersGiveNullsAndEmptyLists() throws IOException {
        MessageFacts f = parse("\r\nbody only\r\n".getBytes(StandardCharsets.US_ASCII));
        Envelope e = f.envelope();
        assertThat(e.date()).isNull();
        assertThat(e.subject()).isNull();
        assertThat(e.messageId()).isNull();
        assertThat(e.from()).isEmpty();
        assertThat(e.sender()).isEmpty();
        assertThat(e.to()).isEmpty();
        assertThat(f.headerSize()).isEqualTo(2);
        assertThat(f.body().lines()).isEqualTo(1);

        MessageFacts empty = parse(new byte[0]);
        assertThat(empty.size()).isZero();
        assertThat(empty.headerSize()).isZero();
        assertThat(empty.body().size()).isZero();

        MessageFacts headerOnly = parse("Subject: x\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(headerOnly.headerSize()).isEqualTo(12);
        assertThat(headerOnly.body().size()).isZero();
        assertThat(headerOnly.envelope().subject()).isEqualTo("x");
    }

    @Test
    void senderAndReplyToOverrideFrom() throws IOException {
        MessageFacts f = parse(crlf("From: a@x.org", "Sender: s@x.org", "Reply-To: r@x.org, r2@x.org",
                "In-Reply-To: <p@x.org>", "", "").getBytes(StandardCharsets.US_ASCII));
        assertThat(f.envelope().sender()).containsExactly(new Address(null, null, "s", "x.org"));
        assertThat(f.envelope().replyTo()).extracting(Address::mailbox).containsExactly("r", "r2");
        assertThat(f.envelope().inReplyTo()).isEqualTo("<p@x.org>");
    }

    @Test
    void foldedHeadersAreUnfoldedNotDecoded() throws IOException {
        MessageFacts f = parse(crlf("Subject: =?utf-8?q?caf=C3=A9?=", "\tand more", "To: a@x.org,",
                "  b@y.org", "", "").getBytes(StandardCharsets.US_ASCII));
        assertThat(f.envelope().subject()).isEqualTo("=?utf-8?q?caf=C3=A9?=\tand more");
        assertThat(f.envelope().to()).extracting(Address::mailbox).containsExactly("a", "b");
    }

    @Test
    void malformedMimeDegradesWithoutThrowing() throws IOException {
        // multipart without boundary parameter -> text/plain
        BodyPart noBoundary = parse(crlf("Content-Type: multipart/mixed", "", "--x", "text", "")
                .getBytes(StandardCharsets.US_ASCII)).body();
        assertThat(noBoundary.type()).isEqualTo("text");
        assertThat(noBoundary.children()).isEmpty();
        assertThat(noBoundary.lines()).isEqualTo(2);

        // boundary declared but never used -> text/plain
        BodyPart unused = parse(crlf("Content-Type: multipart/mixed; boundary=zz", "", "just text", "")
                .getBytes(StandardCharsets.US_ASCII)).body();
        assertThat(unused.type()).isEqualTo("text");
        assertThat(unused.size()).isEqualTo(11);

        // no close delimiter: the last part runs to the end
        String open = crlf("Content-Type: multipart/mixed; boundary=q", "", "--q", "", "one", "--q", "", "two");
        byte[] raw = open.getBytes(StandardCharsets.US_ASCII);
        BodyPart top = parse(raw).body();
        assertThat(top.children()).hasSize(2);
        assertThat(body(raw, top.children().get(1))).isEqualTo("two");
        assertThat(top.endOffset()).isEqualTo(raw.length);

        // garbage content-type, header lines without colon, a boundary inside a part header
        String junk = crlf("Content-Type: ;;;/", "no colon line", "Content-Type: multipart/mixed; boundary=k", "",
                "--k", "Content-Type: text/plain", "--k", "Content-Type: text/html", "", "h", "--k--");
        byte[] jraw = junk.getBytes(StandardCharsets.US_ASCII);
        BodyPart j = parse(jraw).body();
        assertThat(j.type()).isEqualTo("text"); // the first Content-Type wins and is invalid
        String cut = crlf("Content-Type: multipart/mixed; boundary=k", "", "--k", "Content-Type: text/plain",
                "--k", "Content-Type: text/html", "", "h", "--k--");
        byte[] craw = cut.getBytes(StandardCharsets.US_ASCII);
        BodyPart c = parse(craw).body();
        assertThat(c.children()).hasSize(2);
        assertThat(c.children().get(0).size()).isZero();
        assertThat(body(craw, c.children().get(1))).isEqualTo("h");

        // message/rfc822 in base64 is opaque, not parsed
        BodyPart b64 = parse(crlf("Content-Type: message/rfc822", "Content-Transfer-Encoding: base64", "",
                "U3ViamVjdDogeAoK", "").getBytes(StandardCharsets.US_ASCII)).body();
        assertThat(b64.message()).isNull();
        assertThat(b64.envelope()).isNull();
    }

    @Test
    void lfOnlyLineEndingsAreCountedAsTheyAre() throws IOException {
        String msg = "Subject: lf\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
                + "line1\nline2\n\n--b--\n";
        byte[] raw = msg.getBytes(StandardCharsets.US_ASCII);
        MessageFacts f = parse(raw);
        assertThat(f.headerSize()).isEqualTo(msg.indexOf("--b"));
        BodyPart part = f.body().children().get(0);
        assertThat(mime(raw, part)).isEqualTo("Content-Type: text/plain\n\n");
        assertThat(body(raw, part)).isEqualTo("line1\nline2\n");
        assertThat(part.lines()).isEqualTo(2);
        assertThat(f.size()).isEqualTo(raw.length);
        assertThat(f.lines()).isEqualTo(10);
    }

    @Test
    void eightBitAndUtf8HeadersAreKept() throws IOException {
        byte[] utf8 = crlf("Subject: Grüße aus Köln", "From: Jürgen <j@x.de>", "", "x")
                .getBytes(StandardCharsets.UTF_8);
        MessageFacts f = parse(utf8);
        assertThat(f.envelope().subject()).isEqualTo("Grüße aus Köln");
        assertThat(f.envelope().from()).containsExactly(new Address("Jürgen", null, "j", "x.de"));
        assertThat(f.headerSize()).isEqualTo(utf8.length - 1);

        byte[] latin1 = crlf("Subject: caf\u00e9", "", "x").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parse(latin1).envelope().subject()).isEqualTo("caf\u00e9");
    }

    @Test
    void everyOffsetSlicesTheOriginal() throws IOException {
        String msg = crlf("Content-Type: multipart/mixed; boundary=\"=_a\"", "",
                "--=_a", "Content-Type: multipart/related; boundary=\"=_a_b\"", "",
                "--=_a_b", "", "x", "--=_a_b--", "--=_a", "Content-Type: text/plain", "", "y", "", "", "--=_a--");
        byte[] raw = msg.getBytes(StandardCharsets.US_ASCII);
        BodyPart top = parse(raw).body();
        BodyPart related = top.children().get(0);
        assertThat(related.children()).hasSize(1);
        assertThat(body(raw, related.children().get(0))).isEqualTo("x");
        assertThat(body(raw, top.children().get(1))).isEqualTo("y\r\n\r\n");
        assertThat(top.children().get(1).lines()).isEqualTo(2);
        assertAllOffsetsConsistent(top, raw.length);
    }

    static void assertAllOffsetsConsistent(BodyPart p, long size) {
        assertThat(p.headerOffset()).isBetween(0L, p.bodyOffset());
        assertThat(p.bodyOffset()).isLessThanOrEqualTo(p.endOffset());
        assertThat(p.endOffset()).isLessThanOrEqualTo(size);
        assertThat(p.size()).isEqualTo(p.endOffset() - p.bodyOffset());
        long last = p.bodyOffset();
        for (BodyPart c : p.children()) {
            assertThat(c.headerOffset()).isGreaterThanOrEqualTo(last);
            assertThat(c.endOffset()).isLessThanOrEqualTo(p.endOffset());
            assertAllOffsetsConsistent(c, size);
            last = c.endOffset();
        }
        if (p.message() != null) {
            assertAllOffsetsConsistent(p.message(), size);
        }
    }

    @Test
    void longLinesAndLargeBodiesStream() throws IOException {
        char[] longLine = new char[100_000];
        Arrays.fill(longLine, 'a');
        String msg = crlf("Subject: " + new String(longLine, 0, 20_000), "Content-Type: multipart/mixed; boundary=L",
                "", "--L", "", new String(longLine), "--L--");
        byte[] raw = msg.getBytes(StandardCharsets.US_ASCII);
        MessageFacts f = parse(raw);
        assertThat(f.envelope().subject()).hasSize(20_000);
        BodyPart part = f.body().children().get(0);
        assertThat(part.size()).isEqualTo(100_000);
        assertThat(part.lines()).isEqualTo(1);
    }

    @Test
    void codecRoundTripsEveryField() throws IOException {
        String inner = crlf("From: x@y.org", "Subject: s", "", "b");
        String msg = crlf("From: Alice <a@x.org>", "Sender: s@x.org", "To: G: m@x.org;", "Cc: c@x.org",
                "Bcc: d@x.org", "Subject: =?utf-8?q?h=C3=A9?= ü", "Message-ID: <m@x>", "In-Reply-To: <p@x>",
                "Content-Type: multipart/mixed; boundary=B", "Content-Language: fr", "", "--B",
                "Content-Type: text/plain; name*=utf-8''%C3%A9",
                "Content-Disposition: inline", "Content-MD5: abc", "Content-ID: <i>", "Content-Description: d",
                "Content-Location: loc", "", "t", "--B", "Content-Type: message/rfc822", "", inner, "--B--", "");
        MessageFacts f = parse(msg.getBytes(StandardCharsets.UTF_8));
        byte[] encoded = MessageFactsCodec.encode(f);
        assertThat(MessageFactsCodec.decode(encoded)).isEqualTo(f);
        assertThat(encoded.length).isLessThan(msg.length());

        MessageFacts withNulls = new MessageFacts(null, null, 0, 0, 0);
        assertThat(MessageFactsCodec.decode(MessageFactsCodec.encode(withNulls))).isEqualTo(withNulls);
        BodyPart bare = new BodyPart("a", "b", List.of(), null, null, null, 1, 2, null, null, List.of(), List.of(),
                null, List.of(), null, null, 5, 7, 9);
        MessageFacts bareFacts = new MessageFacts(new Envelope(null, null, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), null, null), bare, 9, 7, 1);
        assertThat(MessageFactsCodec.decode(MessageFactsCodec.encode(bareFacts))).isEqualTo(bareFacts);
    }

    @Test
    void codecRejectsUnknownVersionAndTruncation() throws IOException {
        byte[] encoded = MessageFactsCodec.encode(parse("Subject: x\r\n\r\ny".getBytes(StandardCharsets.US_ASCII)));
        byte[] wrongVersion = encoded.clone();
        wrongVersion[0] = 99;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MessageFactsCodec.decode(wrongVersion))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> MessageFactsCodec.decode(Arrays.copyOf(encoded, encoded.length / 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
