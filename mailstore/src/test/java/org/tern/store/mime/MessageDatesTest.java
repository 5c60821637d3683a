package org.tern.store.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class MessageDatesTest {

    @Test
    void parsesRfc5322DatesKeepingTheirZone() {
        assertThat(MessageDates.parse("Fri, 27 Nov 2026 23:30:00 -0800"))
                .contains(OffsetDateTime.of(2026, 11, 27, 23, 30, 0, 0, ZoneOffset.ofHours(-8)));
        assertThat(MessageDates.parse("Fri, 27 Nov 2026 23:30:00 -0800").orElseThrow().toLocalDate())
                .isEqualTo(LocalDate.of(2026, 11, 27)); // SENTON uses the date as written
        assertThat(MessageDates.parse("1 Jan 99 10:00 GMT"))
                .contains(OffsetDateTime.of(1999, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC));
        assertThat(MessageDates.parse("Mon,  3 Feb 2025 08:05:09 +0100 (CET)"))
                .contains(OffsetDateTime.of(2025, 2, 3, 8, 5, 9, 0, ZoneOffset.ofHours(1)));
        assertThat(MessageDates.parse("3 february 2025 08:05:09 EST").orElseThrow().getOffset())
                .isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(MessageDates.parse("27 Nov 2026 10:00")).isPresent();
    }

    @Test
    void rejectsGarbage() {
        assertThat(MessageDates.parse(null)).isEmpty();
        assertThat(MessageDates.parse("")).isEmpty();
        assertThat(MessageDates.parse("yesterday")).isEmpty();
        assertThat(MessageDates.parse("32 Jan 2026 10:00:00 +0000")).isEmpty();
        assertThat(MessageDates.parse("1 Foo 2026 10:00:00 +0000")).isEmpty();
        assertThat(MessageDates.parse("1 Jan 2026 25:00:00 +0000")).isEmpty();
        assertThat(MessageDates.parse("1 Jan 2026 10:00:00 +9999")).isEmpty();
    }
}
