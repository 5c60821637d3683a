package org.tern.pop3.maildrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MaildropTest {

    private static Maildrop drop() {
        return new Maildrop(7, 5, List.of(
                new MaildropEntry(1, 10, 100, "a", false),
                new MaildropEntry(2, 11, 200, "b", true),
                new MaildropEntry(3, 15, 300, "c", false)));
    }

    @Test
    void deletionMarksAffectCountsAndLookup() {
        Maildrop d = drop();
        assertThat(d.count()).isEqualTo(3);
        assertThat(d.size()).isEqualTo(600);
        assertThat(d.markDeleted(2)).isTrue();
        assertThat(d.markDeleted(2)).isFalse();
        assertThat(d.markDeleted(4)).isFalse();
        assertThat(d.count()).isEqualTo(2);
        assertThat(d.size()).isEqualTo(400);
        assertThat(d.live(2)).isEmpty();
        assertThat(d.liveEntries()).extracting(MaildropEntry::number).containsExactly(1, 3);
        assertThat(d.deletedUids()).containsExactly(11L);
        d.reset();
        assertThat(d.count()).isEqualTo(3);
        assertThat(d.deletedUids()).isEmpty();
    }

    @Test
    void uidlIsStableAndPrintable() {
        assertThat(Uidl.of(5, 10)).isEqualTo("0000000A00000005").matches("[\\x21-\\x7e]{1,70}");
        assertThat(Uidl.of(0xFFFFFFFFL, 0xFFFFFFFFL)).isEqualTo("FFFFFFFFFFFFFFFF");
        assertThat(Uidl.of(1, 0x1FFFFFFFFL)).isEqualTo("1FFFFFFFF00000001");
        assertThat(drop().uidl(drop().live(3).orElseThrow())).isEqualTo("0000000F00000005");
    }

    @Test
    void lockIsExclusivePerAccountAndReleasedOnce() {
        InProcessMaildropLock lock = new InProcessMaildropLock();
        MaildropLock.Lease a = lock.tryAcquire(1, "s1").orElseThrow();
        assertThat(lock.tryAcquire(1, "s2")).isEmpty();
        MaildropLock.Lease other = lock.tryAcquire(2, "s2").orElseThrow();
        a.close();
        MaildropLock.Lease b = lock.tryAcquire(1, "s3").orElseThrow();
        a.close(); // a second close must not release s3's lock
        assertThat(lock.isHeld(1)).isTrue();
        b.close();
        other.close();
        assertThat(lock.isHeld(1)).isFalse();
    }
}
