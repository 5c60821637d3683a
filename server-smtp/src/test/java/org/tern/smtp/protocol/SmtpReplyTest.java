package org.tern.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SmtpReplyTest {

    @Test
    void encodesSingleAndMultiLineWithEnhancedCodes() {
        assertThat(SmtpReplies.UNKNOWN_USER.encode()).isEqualTo("550 5.1.1 Recipient address rejected: user unknown\r\n");
        assertThat(new SmtpReply(250, "", List.of("host Hello x", "PIPELINING", "SIZE 10")).encode())
                .isEqualTo("250-host Hello x\r\n250-PIPELINING\r\n250 SIZE 10\r\n");
    }

    @Test
    void neverEchoesLineBreaks() {
        assertThat(SmtpReply.of(250, "", "a\r\nb").encode()).isEqualTo("250 a  b\r\n");
    }
}
