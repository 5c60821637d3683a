package org.tern.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tern.core.net.FrameAction;

class SmtpFramingTest {

    private static FrameAction decide(String line) {
        return new SmtpFraming().afterLine(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pausesAfterDataAndStartTlsInAnyCaseAndWithSpaces() {
        assertThat(decide("DATA")).isEqualTo(FrameAction.PAUSE);
        assertThat(decide("data ")).isEqualTo(FrameAction.PAUSE);
        assertThat(decide(" Data\t")).isEqualTo(FrameAction.PAUSE);
        assertThat(decide("STARTTLS")).isEqualTo(FrameAction.PAUSE);
        assertThat(decide("starttls  ")).isEqualTo(FrameAction.PAUSE);
    }

    @Test
    void otherLinesKeepReadingLines() {
        assertThat(decide("DATA x")).isEqualTo(FrameAction.LINES);
        assertThat(decide("DATAX")).isEqualTo(FrameAction.LINES);
        assertThat(decide("MAIL FROM:<a@b>")).isEqualTo(FrameAction.LINES);
        assertThat(decide("")).isEqualTo(FrameAction.LINES);
        assertThat(decide("STARTTLS now")).isEqualTo(FrameAction.LINES);
    }

    @Test
    void bdatCountsItsChunk() {
        assertThat(decide("BDAT 100")).isEqualTo(FrameAction.counted(100));
        assertThat(decide("bdat 7 last")).isEqualTo(FrameAction.counted(7));
        assertThat(decide("BDAT 7 LAST ")).isEqualTo(FrameAction.counted(7));
    }

    @Test
    void malformedOrEmptyBdatReadsLines() {
        assertThat(decide("BDAT")).isEqualTo(FrameAction.LINES);
        assertThat(decide("BDAT x")).isEqualTo(FrameAction.LINES);
        assertThat(decide("BDAT -5")).isEqualTo(FrameAction.LINES);
        assertThat(decide("BDAT 5 FIRST")).isEqualTo(FrameAction.LINES);
        assertThat(decide("BDAT 99999999999999999999")).isEqualTo(FrameAction.LINES);
        assertThat(decide("BDAT 0 LAST")).isEqualTo(FrameAction.LINES);
    }

    @Test
    void binaryGarbageReadsLines() {
        byte[] junk = {0, (byte) 0xff, 'D', 'A', 'T', 'A', 0};
        assertThat(new SmtpFraming().afterLine(junk)).isEqualTo(FrameAction.LINES);
    }
}
