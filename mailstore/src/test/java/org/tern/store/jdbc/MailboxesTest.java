package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.AlreadyExistsException;
import org.tern.store.ExpungeMode;
import org.tern.store.FlagOperation;
import org.tern.store.Flags;
import org.tern.store.InvalidNameException;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.MailboxNotFoundException;
import org.tern.store.MailboxOperationException;
import org.tern.store.MailboxStatus;
import org.tern.store.Mailboxes;
import org.tern.store.Origin;
import org.tern.store.SpecialUse;
import org.tern.store.UidSet;
import org.tern.store.event.StoreEvent;
import org.tern.store.testing.TestMailStores;

class MailboxesTest {

    @TempDir
    Path dir;
    MailStore store;
    Mailboxes mbx;
    Account a;

    @BeforeEach
    void open() {
        store = TestMailStores.open(dir);
        mbx = store.mailboxes();
        a = TestMailStores.account(store, "a@example.org", "p");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<String> names() {
        return mbx.list(a.id()).stream().map(Mailbox::name).toList();
    }

    @Test
    void defaultMailboxesHaveSpecialUse() {
        assertThat(mbx.find(a.id(), "Sent").orElseThrow().specialUse()).containsExactly(SpecialUse.SENT);
        assertThat(mbx.find(a.id(), "Junk").orElseThrow().specialUse()).containsExactly(SpecialUse.JUNK);
        assertThat(mbx.find(a.id(), "inBox").orElseThrow().name()).isEqualTo("INBOX");
        Mailbox inbox = mbx.find(a.id(), "INBOX").orElseThrow();
        assertThat(inbox.uidNext()).isEqualTo(1);
        assertThat(inbox.uidValidity()).isPositive();
        assertThat(mbx.list(a.id()).stream().map(Mailbox::uidValidity).distinct()).hasSize(6);
    }

    @Test
    void createMakesParentsAndRefusesDuplicatesAndBadNames() {
        Mailbox c = mbx.create(a.id(), "Work/2026/Q1", Set.of());
        assertThat(c.selectable()).isTrue();
        assertThat(names()).contains("Work", "Work/2026", "Work/2026/Q1");
        assertThatThrownBy(() -> mbx.create(a.id(), "Work/2026/Q1", Set.of())).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> mbx.create(a.id(), "inbox", Set.of())).isInstanceOf(AlreadyExistsException.class);
        for (String bad : new String[] {"", "a//b", "/a", "a/", "a%b", "a*", "a\u0000b", "x\r\ny", "x".repeat(1001)}) {
            assertThatThrownBy(() -> mbx.create(a.id(), bad, Set.of())).as(bad).isInstanceOf(InvalidNameException.class);
        }
        assertThatThrownBy(() -> mbx.create(999999, "X", Set.of()))
                .isInstanceOf(org.tern.store.AccountNotFoundException.class);
        Mailbox inboxChild = mbx.create(a.id(), "inbox/Sub", Set.of());
        assertThat(inboxChild.name()).isEqualTo("INBOX/Sub");
        Mailbox utf = mbx.create(a.id(), "Entwürfe/日本", Set.of(SpecialUse.FLAGGED));
        assertThat(mbx.get(utf.id()).specialUse()).containsExactly(SpecialUse.FLAGGED);
        assertThat(names()).hasSize(6 + 3 + 1 + 2);
    }

    @Test
    void renameMovesChildrenAndKeepsIdentity() {
        Mailbox work = mbx.create(a.id(), "Work", Set.of());
        Mailbox sub = mbx.create(a.id(), "Work/Sub", Set.of());
        mbx.create(a.id(), "Workshop", Set.of());
        mbx.setSubscribed(a.id(), "Work/Sub", true);
        List<StoreEvent> events = new ArrayList<>();
        store.events().subscribe(a.id(), events::add);
        mbx.rename(a.id(), "Work", "Archive/2026/Work");
        assertThat(names()).contains("Archive/2026", "Archive/2026/Work", "Archive/2026/Work/Sub", "Workshop")
                .doesNotContain("Work", "Work/Sub");
        Mailbox moved = mbx.get(sub.id());
        assertThat(moved.name()).isEqualTo("Archive/2026/Work/Sub");
        assertThat(moved.uidValidity()).isEqualTo(sub.uidValidity());
        assertThat(mbx.get(work.id()).name()).isEqualTo("Archive/2026/Work");
        assertThat(mbx.subscriptions(a.id())).contains("Archive/2026/Work/Sub").doesNotContain("Work/Sub");
        assertThat(events).filteredOn(e -> e instanceof StoreEvent.MailboxRenamed).hasSize(2);

        assertThatThrownBy(() -> mbx.rename(a.id(), "Nope", "X")).isInstanceOf(MailboxNotFoundException.class);
        assertThatThrownBy(() -> mbx.rename(a.id(), "Workshop", "Sent")).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> mbx.rename(a.id(), "Workshop", "Workshop/In"))
                .isInstanceOf(MailboxOperationException.class);
        assertThatThrownBy(() -> mbx.rename(a.id(), "Workshop", "Bad%Name")).isInstanceOf(InvalidNameException.class);
        assertThat(names()).contains("Workshop");
    }

    @Test
    void renameInboxMovesMessagesAndLeavesInboxEmpty() {
        Mailbox inbox = mbx.find(a.id(), "INBOX").orElseThrow();
        mbx.create(a.id(), "INBOX/Child", Set.of());
        TestMailStores.deliver(store, TestMailStores.message("1", "one"), a);
        TestMailStores.deliver(store, TestMailStores.message("2", "two"), a);
        mbx.rename(a.id(), "INBOX", "Old Inbox");
        Mailbox old = mbx.find(a.id(), "Old Inbox").orElseThrow();
        assertThat(old.id()).isNotEqualTo(inbox.id());
        assertThat(store.messages().uids(old.id())).containsExactly(1L, 2L);
        assertThat(store.messages().uids(inbox.id())).isEmpty();
        assertThat(names()).contains("INBOX", "INBOX/Child");
        Mailbox inboxAfter = mbx.get(inbox.id());
        assertThat(inboxAfter.uidValidity()).isEqualTo(inbox.uidValidity());
        assertThat(inboxAfter.uidNext()).isEqualTo(3);
        assertThat(store.messages().changesSince(inbox.id(), 0).expungedUids()).containsExactly(1L, 2L);
        // new mail still arrives in INBOX, with a fresh UID
        assertThat(TestMailStores.deliver(store, TestMailStores.message("3", "three"), a).placements().get(0).uid())
                .isEqualTo(3);
        assertThat(store.directory().quotaUsage(a.id()).messages()).isEqualTo(3);
        org.tern.store.testing.StoreAssertions.countersMatchRows(store, inbox.id());
        org.tern.store.testing.StoreAssertions.countersMatchRows(store, old.id());
        assertThat(store.mailboxes().status(old.id()).messages()).isEqualTo(2);
    }

    @Test
    void deleteFollowsRfc3501() {
        assertThatThrownBy(() -> mbx.delete(a.id(), "INBOX")).isInstanceOf(MailboxOperationException.class);
        assertThatThrownBy(() -> mbx.delete(a.id(), "nope")).isInstanceOf(MailboxNotFoundException.class);
        Mailbox parent = mbx.create(a.id(), "P", Set.of());
        mbx.create(a.id(), "P/C", Set.of());
        var r = store.messages().append(parent.id(), TestMailStores.incoming(store, TestMailStores.message("s", "b")),
                Flags.NONE, null, Origin.SYSTEM);
        assertThat(store.directory().quotaUsage(a.id()).messages()).isEqualTo(1);
        mbx.delete(a.id(), "P");
        Mailbox p = mbx.get(parent.id());
        assertThat(p.selectable()).isFalse();
        assertThat(store.messages().uids(parent.id())).isEmpty();
        assertThat(store.directory().quotaUsage(a.id()).messages()).isZero();
        assertThat(store.directory().quotaUsage(a.id()).usedBytes()).isZero();
        assertThatThrownBy(() -> mbx.delete(a.id(), "P")).isInstanceOf(MailboxOperationException.class);
        assertThatThrownBy(() -> store.messages().append(parent.id(),
                TestMailStores.incoming(store, TestMailStores.message("s", "b")), Flags.NONE, null, Origin.SYSTEM))
                .isInstanceOf(MailboxOperationException.class);
        mbx.delete(a.id(), "P/C");
        mbx.delete(a.id(), "P"); // no children any more: really gone
        assertThat(names()).doesNotContain("P", "P/C");
        // re-creating gets a new UIDVALIDITY
        Mailbox again = mbx.create(a.id(), "P", Set.of());
        assertThat(again.uidValidity()).isNotEqualTo(parent.uidValidity());
        assertThat(r.uid()).isEqualTo(1);
    }

    @Test
    void createOnNoselectPlaceholderMakesItSelectable() {
        mbx.create(a.id(), "P/C", Set.of());
        mbx.delete(a.id(), "P");
        assertThat(mbx.find(a.id(), "P").orElseThrow().selectable()).isFalse();
        assertThat(mbx.create(a.id(), "P", Set.of()).selectable()).isTrue();
    }

    @Test
    void subscriptionsMayNameMissingMailboxes() {
        mbx.setSubscribed(a.id(), "Not/There", true);
        mbx.setSubscribed(a.id(), "Not/There", true);
        assertThat(mbx.subscriptions(a.id())).contains("Not/There");
        mbx.setSubscribed(a.id(), "Not/There", false);
        assertThat(mbx.subscriptions(a.id())).doesNotContain("Not/There");
        assertThatThrownBy(() -> mbx.setSubscribed(a.id(), "bad*", true)).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void statusCountsMessages() {
        Mailbox inbox = mbx.find(a.id(), "INBOX").orElseThrow();
        for (int i = 0; i < 3; i++) {
            TestMailStores.deliver(store, TestMailStores.message("m" + i, "body " + i), a);
        }
        store.messages().storeFlags(inbox.id(), UidSet.of(1), FlagOperation.ADD, Flags.of(Flags.SystemFlag.SEEN), 0,
                Origin.SYSTEM);
        MailboxStatus s = mbx.status(inbox.id());
        assertThat(s.messages()).isEqualTo(3);
        assertThat(s.unseen()).isEqualTo(2);
        assertThat(s.firstUnseenUid()).isEqualTo(2);
        assertThat(s.recent()).isEqualTo(3);
        assertThat(s.uidNext()).isEqualTo(4);
        assertThat(s.highestModSeq()).isEqualTo(5);
        assertThat(s.sizeBytes()).isEqualTo(store.directory().quotaUsage(a.id()).usedBytes());
        store.messages().claimRecent(inbox.id());
        assertThat(mbx.status(inbox.id()).recent()).isZero();
        store.messages().expunge(inbox.id(), UidSet.ALL, ExpungeMode.ALL_GIVEN, Origin.SYSTEM);
        assertThat(mbx.status(inbox.id()).messages()).isZero();
        assertThatThrownBy(() -> mbx.status(424242)).isInstanceOf(MailboxNotFoundException.class);
    }
}
