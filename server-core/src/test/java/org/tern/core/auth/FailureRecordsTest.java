package org.tern.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureRecordsTest {

    @Test
    void failuresAreForgottenAfterTheWindow() {
        FailureRecords r = new FailureRecords(1000, 100);
        r.fail("a", 0);
        r.fail("a", 500);
        assertThat(r.failures("a", 600)).isEqualTo(2);
        assertThat(r.failures("a", 1501)).isZero();
        assertThat(r.fail("a", 1600)).isEqualTo(1);
    }

    @Test
    void resetKeepsABan() {
        FailureRecords r = new FailureRecords(1000, 100);
        r.fail("ip", 0);
        r.ban("ip", 5000);
        r.reset("ip");
        assertThat(r.isBanned("ip", 100)).isTrue();
        assertThat(r.failures("ip", 100)).isZero();
        assertThat(r.isBanned("ip", 5001)).isFalse();
    }

    @Test
    void sweepBoundsMemoryButKeepsBans() {
        FailureRecords r = new FailureRecords(60_000, 1000);
        for (int i = 0; i < 5000; i++) {
            r.fail("k" + i, 10);
        }
        r.ban("banned", 100_000);
        r.sweep(20);
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.isBanned("banned", 50)).isTrue();
        r.fail("x", 30);
        r.sweep(70_000);
        assertThat(r.size()).isEqualTo(1);
        r.sweep(200_000);
        assertThat(r.size()).isZero();
    }
}
