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
        assertThat(SmtpReply.of(250, "", "a\0b\u007f").encode()).isEqualTo("250 a?b?\r\n");
    }

    @Test
    void everyFixedReplyCarriesAnEnhancedStatusCode() throws Exception {
        for (java.lang.reflect.Field f : SmtpReplies.class.getFields()) {
            SmtpReply r = (SmtpReply) f.get(null);
            if (r.code() == 354 || r.code() == 334) {
                continue; // intermediate replies: RFC 2034 puts no status code on them
            }
            assertThat(r.enhanced()).as(f.getName()).matches("[245]\\.\\d{1,3}\\.\\d{1,3}");
            assertThat(r.enhanced().charAt(0)).as(f.getName()).isEqualTo(String.valueOf(r.code()).charAt(0));
        }
    }
}
