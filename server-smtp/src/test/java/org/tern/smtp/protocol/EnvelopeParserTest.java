package org.tern.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvelopeParserTest {

    @Test
    void parsesMailWithParameters() throws Exception {
        MailArguments m = EnvelopeParser.parseMail("FROM:<Alice@Example.ORG> SIZE=1234 BODY=8BITMIME RET=HDRS ENVID=QQ314159");
        assertThat(m.senderText()).isEqualTo("Alice@example.org");
        assertThat(m.declaredSize()).isEqualTo(1234);
        assertThat(m.body()).isEqualTo(BodyType.EIGHT_BIT_MIME);
        assertThat(m.dsnRet()).isEqualTo("HDRS");
        assertThat(m.dsnEnvid()).isEqualTo("QQ314159");
        assertThat(m.smtpUtf8()).isFalse();
    }

    @Test
    void nullSenderSpaceAfterColonAndSourceRoute() throws Exception {
        assertThat(EnvelopeParser.parseMail("FROM:<>").sender()).isEmpty();
        assertThat(EnvelopeParser.parseMail("from: <a@b.example>").senderText()).isEqualTo("a@b.example");
        assertThat(EnvelopeParser.parseMail("FROM:<@relay.example,@r2.example:a@b.example>").senderText())
                .isEqualTo("a@b.example");
        assertThat(EnvelopeParser.parseMail("FROM:<\"john doe\"@b.example>").senderText())
                .isEqualTo("\"john doe\"@b.example");
        assertThat(EnvelopeParser.parseMail("FROM:<a@[127.0.0.1]>").senderText()).isEqualTo("a@[127.0.0.1]");
        assertThat(EnvelopeParser.parseMail("FROM:<a@b.example> AUTH=<>").senderText()).isEqualTo("a@b.example");
    }

    @Test
    void rejectsBadSyntax() {
        assertReply(() -> EnvelopeParser.parseMail("FROM a@b"), 501);
        assertReply(() -> EnvelopeParser.parseMail("TO:<a@b>"), 501);
        assertReply(() -> EnvelopeParser.parseMail("FROM:<a@b"), 501);
        assertReply(() -> EnvelopeParser.parseMail("FROM:<a..b@c>"), 501);
        assertReply(() -> EnvelopeParser.parseMail("FROM:<a@-b>"), 501);
        assertReply(() -> EnvelopeParser.parseMail("FROM:<a b@c>"), 501);
        assertReply(() -> EnvelopeParser.parseMail("FROM:<a@b> SIZE=abc"), 501);
        assertReply(() -> EnvelopeParser.parseMail("FROM:<a@b> FOO=bar"), 555);
        assertReply(() -> EnvelopeParser.parseMail("FROM:<a@b> BODY=BINARYMIME"), 555);
        assertReply(() -> EnvelopeParser.parseMail("FROM:<a@b>SIZE=1"), 501);
        assertReply(() -> EnvelopeParser.parseMail("FROM:<a@b> ENVID=a=b"), 501);
        assertReply(() -> EnvelopeParser.parseMail("FROM:<a@b\u0000c>"), 501);
    }

    @Test
    void utf8AddressesNeedSmtpUtf8() throws Exception {
        assertReply(() -> EnvelopeParser.parseMail("FROM:<jöran@exämple.org>"), 553);
        MailArguments m = EnvelopeParser.parseMail("FROM:<jöran@exämple.org> SMTPUTF8");
        assertThat(m.smtpUtf8()).isTrue();
        assertThat(m.senderText()).isEqualTo("jöran@exämple.org");
        assertThat(EnvelopeParser.parseRcpt("TO:<用户@例子.广告>", true).recipient().toString()).isEqualTo("用户@例子.广告");
        assertReply(() -> EnvelopeParser.parseRcpt("TO:<用户@例子.广告>", false), 553);
        assertReply(() -> EnvelopeParser.parseRcpt("TO:<a\uFFFD@b>", true), 501);
    }

    @Test
    void parsesRcptWithDsn() throws Exception {
        RcptArguments r = EnvelopeParser.parseRcpt("TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.org", false);
        assertThat(r.recipient().toString()).isEqualTo("bob@example.org");
        assertThat(r.dsnNotify()).isEqualTo("SUCCESS,FAILURE");
        assertThat(r.dsnOrcpt()).isEqualTo("rfc822;bob@example.org");
        assertThat(EnvelopeParser.parseRcpt("TO:<Postmaster>", false).postmaster()).isTrue();
        assertReply(() -> EnvelopeParser.parseRcpt("TO:<>", false), 501);
        assertReply(() -> EnvelopeParser.parseRcpt("TO:<a@b> NOTIFY=SOMETIMES", false), 501);
        assertReply(() -> EnvelopeParser.parseRcpt("TO:<a@b> SIZE=5", false), 555);
    }

    @Test
    void enforcesLengthLimits() {
        String local = "a".repeat(65);
        assertReply(() -> EnvelopeParser.parseMail("FROM:<" + local + "@b.example>"), 501);
        String label = "x".repeat(64);
        assertReply(() -> EnvelopeParser.parseMail("FROM:<a@" + label + ".example>"), 501);
    }

    private interface Call {
        Object run() throws SmtpSyntaxException;
    }

    private static void assertReply(Call call, int code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SmtpSyntaxException.class,
                e -> assertThat(e.reply().code()).isEqualTo(code));
    }
}
