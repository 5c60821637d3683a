package org.tern.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tern.core.net.FrameAction;

class Pop3FramingTest {

    private static FrameAction after(String line) {
        return new Pop3Framing().afterLine(line.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void pausesAfterStlsOnly() {
        assertThat(after("STLS")).isEqualTo(FrameAction.PAUSE);
        assertThat(after("stls ")).isEqualTo(FrameAction.PAUSE);
        assertThat(after("STLS x")).isEqualTo(FrameAction.LINES);
        assertThat(after("STL")).isEqualTo(FrameAction.LINES);
        assertThat(after("USER a")).isEqualTo(FrameAction.LINES);
    }
}
