package org.tern.admin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuotaSizeTest {

    @Test
    void parsesSizes() {
        assertThat(QuotaSize.parse("500M")).isEqualTo(500L << 20);
        assertThat(QuotaSize.parse("5G")).isEqualTo(5L << 30);
        assertThat(QuotaSize.parse("5g")).isEqualTo(5L << 30);
        assertThat(QuotaSize.parse("5GB")).isEqualTo(5L << 30);
        assertThat(QuotaSize.parse("5GiB")).isEqualTo(5L << 30);
        assertThat(QuotaSize.parse("1.5G")).isEqualTo(3L << 29);
        assertThat(QuotaSize.parse("2T")).isEqualTo(2L << 40);
        assertThat(QuotaSize.parse("64K")).isEqualTo(64L << 10);
        assertThat(QuotaSize.parse("1048576")).isEqualTo(1048576L);
        assertThat(QuotaSize.parse(" 10 M ")).isEqualTo(10L << 20);
        assertThat(QuotaSize.parse("unlimited")).isEqualTo(UserInfo.UNLIMITED);
        assertThat(QuotaSize.parse("Unlimited")).isEqualTo(UserInfo.UNLIMITED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5X", "G", "-5G", "5 G B", "1e9", "5iB", "0", "0M", "1.5.5G", "99999999999T", "lots"})
    void refusesBadSizes(String text) {
        assertThatThrownBy(() -> QuotaSize.parse(text)).isInstanceOf(AdminException.class)
                .hasMessageContaining("quota")
                .satisfies(e -> assertThat(((AdminException) e).kind()).isEqualTo(AdminException.Kind.BAD_INPUT));
    }

    @Test
    void formatsForPeople() {
        assertThat(QuotaSize.format(UserInfo.UNLIMITED)).isEqualTo("unlimited");
        assertThat(QuotaSize.format(0)).isEqualTo("0B");
        assertThat(QuotaSize.format(1023)).isEqualTo("1023B");
        assertThat(QuotaSize.format(1536)).isEqualTo("1.5K");
        assertThat(QuotaSize.format(500L << 20)).isEqualTo("500M");
        assertThat(QuotaSize.format(5L << 30)).isEqualTo("5G");
    }
}
