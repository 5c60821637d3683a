package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.AppendResult;
import org.tern.store.Changes;
import org.tern.store.CopyResult;
import org.tern.store.Delivery;
import org.tern.store.DeliveryReceipt;
import org.tern.store.ExpungeMode;
import org.tern.store.FlagOperation;
import org.tern.store.Flags;
import org.tern.store.InvalidNameException;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.MailboxNotFoundException;
import org.tern.store.MessageMeta;
import org.tern.store.Messages;
import org.tern.store.Origin;
import org.tern.store.QuotaExceededException;
import org.tern.store.StoreResult;
import org.tern.store.UidSet;
import org.tern.store.event.StoreEvent;
import org.tern.store.queue.QueueEntry;
import org.tern.store.queue.QueueRecipient;
import org.tern.store.testing.TestMailStores;

class MessagesTest {

    @TempDir
    Path dir;
    MailStore store;
    Messages msgs;
    Account a;
    Mailbox inbox;
    final Origin session = new Origin("s1");

    @BeforeEach
    void open() {
        store = TestMailStores.open(dir);
        msgs = store.messages();
        a = TestMailStores.account(store, "a@example.org", "p");
        inbox = store.mailboxes().find(a.id(), "INBOX").orElseThrow();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private AppendResult append(Mailbox mb, String subject, Flags flags) {
        return msgs.append(mb.id(), TestMailStores.incoming(store, TestMailStores.message(subject, "text " + subject)),
                flags, Instant.parse("2026-01-02T03:04:05Z"), session);
    }

    private long blobFiles() throws Exception {
        try (Stream<Path> s = Files.walk(dir.resolve("blobs"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void deliveryToThirtyRecipientsStoresOneBlobAndQueuesRemotes() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(TestMailStores.account(store, "u" + i + "@example.org", "p").id());
        }
        byte[] body = TestMailStores.message("big", "hello all");
        List<StoreEvent> events = new ArrayList<>();
        store.events().subscribeAll(events::add);
        DeliveryReceipt r = msgs.deliver(new Delivery(TestMailStores.incoming(store, body), "", ids,
                List.of(new Delivery.RemoteRecipient("x@remote.net", "SUCCESS,FAILURE", "rfc822;x@remote.net")),
                new Delivery.DsnRequest("HDRS", "env1")));
        assertThat(r.placements()).hasSize(30).allMatch(p -> p.uid() == 1);
        assertThat(blobFiles()).isEqualTo(1);
        assertThat(Files.list(dir.resolve("tmp")).count()).isZero();
        assertThat(events).filteredOn(e -> e instanceof StoreEvent.MessagesAdded).hasSize(30);
        QueueEntry q = store.queue().get(r.queueEntryId()).orElseThrow();
        assertThat(q.blobId()).isEqualTo(r.blobId());
        assertThat(q.envelopeFrom()).isEmpty();
        assertThat(q.dsnRet()).isEqualTo("HDRS");
        assertThat(q.recipients()).containsExactly(new QueueRecipient("x@remote.net", QueueRecipient.Status.PENDING,
                "SUCCESS,FAILURE", "rfc822;x@remote.net", null));
        assertThat(store.queue().due(Instant.now().plusSeconds(1), 10)).hasSize(1);
        store.queue().recordAttempt(q.id(), List.of(new QueueRecipient("x@remote.net", QueueRecipient.Status.FAILED,
                null, null, "550 no")), null, "550 no");
        assertThat(store.queue().due(Instant.now().plusSeconds(1), 10)).isEmpty();
        assertThat(store.queue().get(q.id()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(store.queue().stats(Instant.now()).entries()).isZero();
        store.queue().retryNow(q.id());
        assertThat(store.queue().stats(Instant.now()).entries()).isEqualTo(1);
        store.queue().remove(q.id());
        assertThat(store.queue().list()).isEmpty();
        // the same body again: still one blob
        TestMailStores.deliver(store, body, a);
        assertThat(blobFiles()).isEqualTo(1);
    }

    @Test
    void quotaRefusesTheWholeDelivery() {
        byte[] body = TestMailStores.message("q", "x".repeat(500));
        Account small = TestMailStores.account(store, "small@example.org", "p", body.length + 10);
        TestMailStores.deliver(store, body, small, a);
        long before = store.directory().quotaUsage(a.id()).messages();
        assertThatThrownBy(() -> TestMailStores.deliver(store, body, a, small))
                .isInstanceOf(QuotaExceededException.class);
        assertThat(store.directory().quotaUsage(a.id()).messages()).isEqualTo(before);
        assertThat(store.directory().quotaUsage(small.id()).messages()).isEqualTo(1);
        assertThat(msgs.uids(inbox.id())).containsExactly(1L);
        assertThat(Files.exists(dir.resolve("tmp"))).isTrue();
        // APPEND and COPY check the quota too
        Mailbox smallInbox = store.mailboxes().find(small.id(), "INBOX").orElseThrow();
        assertThatThrownBy(() -> msgs.copy(smallInbox.id(), UidSet.ALL, store.mailboxes().find(small.id(), "Trash")
                .orElseThrow().id(), session)).isInstanceOf(QuotaExceededException.class);
        assertThatThrownBy(() -> msgs.append(smallInbox.id(), TestMailStores.incoming(store, body), Flags.NONE, null,
                session)).isInstanceOf(QuotaExceededException.class);
        assertThat(store.directory().quotaUsage(small.id()).usedBytes()).isEqualTo(body.length);
    }

    @Test
    void deliveryToUnknownAccountFailsCompletely() {
        byte[] body = TestMailStores.message("u", "x");
        assertThatThrownBy(() -> msgs.deliver(new Delivery(TestMailStores.incoming(store, body), "s@x.org",
                List.of(a.id(), 987654L), List.of(), Delivery.DsnRequest.NONE)))
                .isInstanceOf(org.tern.store.AccountNotFoundException.class);
        assertThat(msgs.uids(inbox.id())).isEmpty();
        assertThat(store.directory().quotaUsage(a.id()).messages()).isZero();
    }

    @Test
    void appendListAndBodies() throws Exception {
        Flags f = Flags.parse(List.of("\\Seen", "$Forwarded", "\\Draft"));
        AppendResult r = append(inbox, "one", f);
        assertThat(r.uid()).isEqualTo(1);
        assertThat(r.uidValidity()).isEqualTo(inbox.uidValidity());
        List<MessageMeta> l = msgs.list(inbox.id(), UidSet.of(1));
        assertThat(l).hasSize(1);
        MessageMeta m = l.get(0);
        assertThat(m.flags()).isEqualTo(f);
        assertThat(m.internalDate()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(m.modSeq()).isEqualTo(r.modSeq());
        try (InputStream in = store.blobs().open(m.blobId(), 6, 6)) {
            assertThat(new String(in.readAllBytes())).isEqualTo("Sender");
        }
        assertThat(store.blobs().size(m.blobId())).isEqualTo(m.size());
        assertThatThrownBy(() -> append(inbox, "bad", Flags.parse(List.of("bad(kw")))).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> msgs.append(424242, TestMailStores.incoming(store, new byte[] {1}), Flags.NONE, null,
                session)).isInstanceOf(MailboxNotFoundException.class);
        assertThatThrownBy(() -> msgs.uids(424242)).isInstanceOf(MailboxNotFoundException.class);
        assertThat(msgs.uids(inbox.id())).containsExactly(1L);
        assertThat(Files.list(dir.resolve("tmp")).count()).isZero();
    }

    @Test
    void listBySetsIncludingManyRanges() {
        for (int i = 0; i < 100; i++) {
            append(inbox, "m" + i, Flags.NONE);
        }
        assertThat(msgs.list(inbox.id(), UidSet.range(10, 20))).hasSize(11);
        List<Long> odd = new ArrayList<>();
        for (long u = 1; u <= 99; u += 2) {
            odd.add(u);
        }
        assertThat(msgs.list(inbox.id(), UidSet.of(odd))).extracting(MessageMeta::uid).containsExactlyElementsOf(odd);
        assertThat(msgs.list(inbox.id(), UidSet.range(95, Long.MAX_VALUE))).hasSize(6);
        assertThat(msgs.list(inbox.id(), UidSet.EMPTY)).isEmpty();
        assertThat(msgs.uids(inbox.id())).hasSize(100);
    }

    @Test
    void flagStoresAddRemoveReplaceAndUnchangedSince() {
        append(inbox, "1", Flags.NONE);
        append(inbox, "2", Flags.NONE);
        append(inbox, "3", Flags.NONE);
        List<StoreEvent> events = new ArrayList<>();
        store.events().subscribe(a.id(), events::add);
        long hms = store.mailboxes().get(inbox.id()).highestModSeq();

        StoreResult r = msgs.storeFlags(inbox.id(), UidSet.range(1, 2), FlagOperation.ADD,
                Flags.parse(List.of("\\Seen", "Work")), 0, session);
        assertThat(r.changed()).hasSize(2).allMatch(m -> m.modSeq() == hms + 1);
        assertThat(r.failedUnchangedSince().isEmpty()).isTrue();
        assertThat(events).hasSize(1).first().isInstanceOfSatisfying(StoreEvent.FlagsChanged.class,
                e -> assertThat(e.origin()).isEqualTo(session));

        // a no-op store changes nothing and bumps no MODSEQ
        StoreResult noop = msgs.storeFlags(inbox.id(), UidSet.of(1), FlagOperation.ADD, Flags.of(Flags.SystemFlag.SEEN),
                0, session);
        assertThat(noop.changed()).isEmpty();
        assertThat(noop.messages()).hasSize(1);
        assertThat(store.mailboxes().get(inbox.id()).highestModSeq()).isEqualTo(hms + 1);

        msgs.storeFlags(inbox.id(), UidSet.of(2), FlagOperation.REMOVE, Flags.parse(List.of("work")), 0, session);
        assertThat(msgs.list(inbox.id(), UidSet.of(2)).get(0).flags()).isEqualTo(Flags.of(Flags.SystemFlag.SEEN));
        msgs.storeFlags(inbox.id(), UidSet.of(3), FlagOperation.REPLACE, Flags.of(Flags.SystemFlag.FLAGGED), 0, session);
        assertThat(msgs.list(inbox.id(), UidSet.of(3)).get(0).flags()).isEqualTo(Flags.of(Flags.SystemFlag.FLAGGED));

        // CONDSTORE: message 2 changed after hms+1, message 1 did not
        StoreResult cond = msgs.storeFlags(inbox.id(), UidSet.range(1, 2), FlagOperation.ADD,
                Flags.of(Flags.SystemFlag.ANSWERED), hms + 1, session);
        assertThat(cond.failedUnchangedSince()).isEqualTo(UidSet.of(2));
        assertThat(cond.changed()).extracting(MessageMeta::uid).containsExactly(1L);
        assertThat(cond.messages()).hasSize(2);

        org.tern.store.testing.StoreAssertions.countersMatchRows(store, inbox.id());
        Changes ch = msgs.changesSince(inbox.id(), hms + 1);
        assertThat(ch.changed()).extracting(MessageMeta::uid).containsExactly(1L, 2L, 3L);
        assertThat(ch.highestModSeq()).isEqualTo(store.mailboxes().get(inbox.id()).highestModSeq());
    }

    @Test
    void copyMoveAndExpungeLeaveTombstones() {
        Mailbox trash = store.mailboxes().find(a.id(), "Trash").orElseThrow();
        append(inbox, "1", Flags.of(Flags.SystemFlag.FLAGGED));
        append(inbox, "2", Flags.NONE);
        append(inbox, "3", Flags.of(Flags.SystemFlag.DELETED));
        long used = store.directory().quotaUsage(a.id()).usedBytes();

        CopyResult c = msgs.copy(inbox.id(), UidSet.range(1, 2), trash.id(), session);
        assertThat(c.sourceUids()).containsExactly(1L, 2L);
        assertThat(c.destUids()).containsExactly(1L, 2L);
        assertThat(c.destUidValidity()).isEqualTo(trash.uidValidity());
        assertThat(msgs.list(trash.id(), UidSet.of(1)).get(0).flags()).isEqualTo(Flags.of(Flags.SystemFlag.FLAGGED));
        assertThat(store.directory().quotaUsage(a.id()).messages()).isEqualTo(5);
        assertThat(store.directory().quotaUsage(a.id()).usedBytes()).isGreaterThan(used);

        CopyResult m = msgs.move(inbox.id(), UidSet.of(2), trash.id(), session);
        assertThat(m.destUids()).containsExactly(3L);
        assertThat(msgs.uids(inbox.id())).containsExactly(1L, 3L);
        assertThat(store.directory().quotaUsage(a.id()).messages()).isEqualTo(5);

        long before = store.mailboxes().get(inbox.id()).highestModSeq();
        List<Long> gone = msgs.expunge(inbox.id(), UidSet.ALL, ExpungeMode.DELETED_ONLY, session);
        assertThat(gone).containsExactly(3L);
        assertThat(msgs.uids(inbox.id())).containsExactly(1L);
        Changes ch = msgs.changesSince(inbox.id(), before);
        assertThat(ch.expungedUids()).containsExactly(3L);
        assertThat(msgs.changesSince(inbox.id(), 0).expungedUids()).containsExactly(2L, 3L);
        assertThat(msgs.expunge(inbox.id(), UidSet.of(2, 3), ExpungeMode.ALL_GIVEN, session)).isEmpty();
        assertThat(msgs.expunge(inbox.id(), UidSet.of(1), ExpungeMode.ALL_GIVEN, session)).containsExactly(1L);
        assertThat(store.directory().quotaUsage(a.id()).messages()).isEqualTo(3);
        // UIDs are never reused
        assertThat(append(inbox, "4", Flags.NONE).uid()).isEqualTo(4);
        // copy to the same mailbox duplicates
        assertThat(msgs.copy(trash.id(), UidSet.of(1), trash.id(), session).destUids()).containsExactly(4L);
        org.tern.store.testing.StoreAssertions.countersMatchRows(store, inbox.id());
        org.tern.store.testing.StoreAssertions.countersMatchRows(store, trash.id());
        // copy between accounts is refused
        Account b = TestMailStores.account(store, "b@example.org", "p");
        Mailbox bInbox = store.mailboxes().find(b.id(), "INBOX").orElseThrow();
        assertThatThrownBy(() -> msgs.copy(trash.id(), UidSet.ALL, bInbox.id(), session))
                .isInstanceOf(org.tern.store.MailboxOperationException.class);
    }

    @Test
    void eventsArePublishedAfterCommitWithTheirOrigin() {
        List<String> seen = new ArrayList<>();
        store.events().subscribe(a.id(), e -> {
            if (e instanceof StoreEvent.MessagesAdded added) {
                // the change is already visible to any other reader when the event arrives
                assertThat(msgs.uids(added.mailboxId())).contains(added.uids().get(0));
                seen.add(e.origin().sessionId());
            }
        });
        Account other = TestMailStores.account(store, "other@example.org", "p");
        List<StoreEvent> otherEvents = new ArrayList<>();
        store.events().subscribe(other.id(), otherEvents::add);
        append(inbox, "1", Flags.NONE);
        TestMailStores.deliver(store, TestMailStores.message("2", "x"), a);
        assertThat(seen).containsExactly("s1", "");
        assertThat(otherEvents).isEmpty();
    }

    @Test
    void claimRecentHandsOutEachMessageOnce() {
        append(inbox, "1", Flags.NONE);
        append(inbox, "2", Flags.NONE);
        assertThat(msgs.claimRecent(inbox.id())).containsExactly(1L, 2L);
        assertThat(msgs.claimRecent(inbox.id())).isEmpty();
        append(inbox, "3", Flags.NONE);
        assertThat(msgs.claimRecent(inbox.id())).containsExactly(3L);
    }

    @Test
    void recentSurvivesExpungeCopyAndInboxRename() {
        for (int i = 1; i <= 4; i++) {
            append(inbox, String.valueOf(i), Flags.NONE);
        }
        assertThat(msgs.claimRecent(inbox.id())).containsExactly(1L, 2L, 3L, 4L);
        append(inbox, "5", Flags.NONE);
        append(inbox, "6", Flags.NONE);
        append(inbox, "7", Flags.NONE);
        msgs.expunge(inbox.id(), UidSet.of(6), ExpungeMode.ALL_GIVEN, Origin.SYSTEM);
        assertThat(store.mailboxes().status(inbox.id()).recent()).isEqualTo(2);
        // copies are recent in the target, not again in the source
        Mailbox work = store.mailboxes().create(a.id(), "Work", Set.of());
        msgs.copy(inbox.id(), UidSet.of(1), work.id(), Origin.SYSTEM);
        assertThat(store.mailboxes().status(work.id()).recent()).isEqualTo(1);
        assertThat(msgs.claimRecent(work.id())).containsExactly(1L);
        // RFC 3501 6.3.5: renaming INBOX moves its messages; the unclaimed ones stay recent in the new mailbox
        store.mailboxes().rename(a.id(), "INBOX", "Old");
        Mailbox old = store.mailboxes().find(a.id(), "Old").orElseThrow();
        assertThat(store.mailboxes().status(old.id()).recent()).isEqualTo(2);
        assertThat(store.mailboxes().status(inbox.id()).recent()).isZero();
        assertThat(msgs.claimRecent(inbox.id())).isEmpty();
        TestMailStores.deliver(store, TestMailStores.message("8", "x"), a);
        assertThat(msgs.claimRecent(inbox.id())).containsExactly(8L);
        assertThat(msgs.claimRecent(old.id())).containsExactly(5L, 7L);
        assertThat(store.mailboxes().status(old.id()).recent()).isZero();
    }

    @Test
    void modSeqStrictlyIncreases() {
        long last = store.mailboxes().get(inbox.id()).highestModSeq();
        for (int i = 0; i < 5; i++) {
            AppendResult r = append(inbox, "m" + i, Flags.NONE);
            assertThat(r.modSeq()).isGreaterThan(last);
            last = r.modSeq();
            StoreResult s = msgs.storeFlags(inbox.id(), UidSet.of(r.uid()), FlagOperation.ADD,
                    Flags.of(Flags.SystemFlag.SEEN), 0, session);
            assertThat(s.changed().get(0).modSeq()).isGreaterThan(last);
            last = s.changed().get(0).modSeq();
        }
    }

    @Test
    void factsAreParsedOnceAtDeliveryAndSharedByCopies() {
        append(inbox, "parsed subject", Flags.NONE);
        Mailbox trash = store.mailboxes().find(a.id(), "Trash").orElseThrow();
        msgs.copy(inbox.id(), UidSet.ALL, trash.id(), session);
        var facts = msgs.facts(inbox.id(), UidSet.ALL);
        assertThat(facts).containsOnlyKeys(1L);
        assertThat(facts.get(1L).envelope().subject()).isEqualTo("parsed subject");
        assertThat(facts.get(1L).size()).isEqualTo(msgs.list(inbox.id(), UidSet.of(1)).get(0).size());
        assertThat(msgs.facts(trash.id(), UidSet.ALL).get(1L)).isEqualTo(facts.get(1L));
        assertThat(msgs.facts(inbox.id(), UidSet.of(99))).isEmpty();
    }

    @Test
    void garbageBodiesAreStillDelivered() {
        byte[] junk = new byte[3000];
        new java.util.Random(7).nextBytes(junk);
        DeliveryReceipt r = TestMailStores.deliver(store, junk, a);
        assertThat(r.placements()).hasSize(1);
        assertThat(msgs.facts(inbox.id(), UidSet.ALL).size()).isLessThanOrEqualTo(1);
        assertThat(msgs.list(inbox.id(), UidSet.ALL).get(0).size()).isEqualTo(3000);
    }

    @Test
    void specialUseKeptAcrossReopen() {
        store.mailboxes().create(a.id(), "Flagged", Set.of(org.tern.store.SpecialUse.FLAGGED));
        store.close();
        store = TestMailStores.open(dir);
        assertThat(store.mailboxes().find(a.id(), "Flagged").orElseThrow().specialUse())
                .containsExactly(org.tern.store.SpecialUse.FLAGGED);
    }
}
