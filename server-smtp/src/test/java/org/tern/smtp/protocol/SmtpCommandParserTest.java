package org.tern.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SmtpCommandParserTest {

    private static SmtpCommand parse(String line) {
        return SmtpCommandParser.parse(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsVerbAndArgumentCaseInsensitively() {
        SmtpCommand c = parse("mail FROM:<a@example.org> SIZE=10");
        assertThat(c.verb()).isEqualTo(Verb.MAIL);
        assertThat(c.argument()).isEqualTo("FROM:<a@example.org> SIZE=10");
        assertThat(parse("QUIT").hasArgument()).isFalse();
        assertThat(parse("  noop   ").verb()).isEqualTo(Verb.NOOP);
    }

    @Test
    void unknownAndGarbageAreUnknown() {
        assertThat(parse("FOO bar").verb()).isEqualTo(Verb.UNKNOWN);
        assertThat(parse("").verb()).isEqualTo(Verb.UNKNOWN);
        assertThat(SmtpCommandParser.parse(new byte[] {0, 1, 2, (byte) 0xfe}).verb()).isEqualTo(Verb.UNKNOWN);
        assertThat(parse("MA\u0000IL FROM:<a@b>").verb()).isEqualTo(Verb.UNKNOWN);
    }
}
