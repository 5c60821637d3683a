package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.AccountNotFoundException;
import org.tern.store.AliasLoopException;
import org.tern.store.AlreadyExistsException;
import org.tern.store.Directory;
import org.tern.store.DomainNotEmptyException;
import org.tern.store.DomainNotFoundException;
import org.tern.store.InvalidNameException;
import org.tern.store.MailStore;
import org.tern.store.NotFoundException;
import org.tern.store.RecipientResolution;
import org.tern.store.testing.TestMailStores;

class DirectoryTest {

    @TempDir
    Path dir;
    MailStore store;
    Directory d;

    @BeforeEach
    void open() {
        store = TestMailStores.open(dir);
        d = store.directory();
        d.addDomain("Example.ORG");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void domainsAreNormalisedUniqueAndRemovableWhenEmpty() {
        assertThat(d.isLocalDomain("example.org")).isTrue();
        assertThat(d.isLocalDomain("EXAMPLE.org")).isTrue();
        assertThat(d.isLocalDomain("other.org")).isFalse();
        assertThatThrownBy(() -> d.addDomain("example.org")).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> d.addDomain("bad_domain!")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> d.addDomain("-x.org")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> d.addDomain("a..b")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> d.removeDomain("nope.org")).isInstanceOf(DomainNotFoundException.class);
        d.addAccount("a@example.org", "pw".toCharArray(), Account.UNLIMITED);
        assertThatThrownBy(() -> d.removeDomain("example.org")).isInstanceOf(DomainNotEmptyException.class);
        d.removeAccount("a@example.org", false);
        d.removeDomain("example.org");
        assertThat(d.domains()).isEmpty();
    }

    @Test
    void accountsAndPasswords() {
        Account a = d.addAccount("Alice@Example.org", "s3cret".toCharArray(), 1000);
        assertThat(a.address()).isEqualTo("alice@example.org");
        assertThat(a.domain()).isEqualTo("example.org");
        assertThat(a.quotaBytes()).isEqualTo(1000);
        assertThat(d.account(a.id())).isEqualTo(a);
        assertThat(d.account("ALICE@example.org")).contains(a);
        assertThat(d.accounts()).containsExactly(a);
        assertThat(d.accountsInDomain("example.org")).containsExactly(a);
        assertThat(store.mailboxes().subscriptions(a.id())).contains("INBOX", "Sent", "Trash");

        assertThat(d.verifyPassword("alice@example.org", "s3cret".toCharArray())).contains(a);
        assertThat(d.verifyPassword("alice@example.org", "nope".toCharArray())).isEmpty();
        assertThat(d.verifyPassword("bob@example.org", "s3cret".toCharArray())).isEmpty();
        assertThat(d.verifyPassword("not an address", "s3cret".toCharArray())).isEmpty();

        d.setPassword("alice@example.org", "new".toCharArray());
        assertThat(d.verifyPassword("alice@example.org", "s3cret".toCharArray())).isEmpty();
        assertThat(d.verifyPassword("alice@example.org", "new".toCharArray())).isPresent();

        d.setDisabled("alice@example.org", true);
        assertThat(d.verifyPassword("alice@example.org", "new".toCharArray())).isEmpty();
        d.setDisabled("alice@example.org", false);
        d.setQuota("alice@example.org", Account.UNLIMITED);
        assertThat(d.account(a.id()).hasQuota()).isFalse();
        assertThat(d.quotaUsage(a.id()).limitBytes()).isEqualTo(Account.UNLIMITED);
    }

    @Test
    void badInputGivesDistinctTypedErrorsAndWritesNothing() {
        assertThatThrownBy(() -> d.addAccount("no-at-sign", "p".toCharArray(), -1))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> d.addAccount("a b@example.org", "p".toCharArray(), -1))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> d.addAccount("a@exa\rmple.org", "p".toCharArray(), -1))
                .isInstanceOf(InvalidNameException.class).hasMessageNotContaining("\r");
        assertThatThrownBy(() -> d.addAccount("a..b@example.org", "p".toCharArray(), -1))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> d.addAccount("a@unknown.org", "p".toCharArray(), -1))
                .isInstanceOf(DomainNotFoundException.class);
        d.addAccount("a@example.org", "p".toCharArray(), -1);
        assertThatThrownBy(() -> d.addAccount("A@example.org", "p".toCharArray(), -1))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> d.setPassword("zz@example.org", "p".toCharArray()))
                .isInstanceOf(AccountNotFoundException.class);
        assertThatThrownBy(() -> d.account(99999)).isInstanceOf(AccountNotFoundException.class);
        assertThatThrownBy(() -> d.removeAccount("zz@example.org", false)).isInstanceOf(AccountNotFoundException.class);
        assertThatThrownBy(() -> d.removeAlias("zz@example.org")).isInstanceOf(NotFoundException.class);
        assertThat(d.accounts()).hasSize(1);
        assertThat(store.mailboxes().list(d.accounts().get(0).id())).hasSize(6);
    }

    @Test
    void removeAccountKeepingMailFreesTheAddress() {
        Account a = d.addAccount("a@example.org", "p".toCharArray(), -1);
        TestMailStores.deliver(store, TestMailStores.message("x", "y"), a);
        d.removeAccount("a@example.org", true);
        assertThat(d.account("a@example.org")).isEmpty();
        assertThat(d.verifyPassword("a@example.org", "p".toCharArray())).isEmpty();
        Account again = d.addAccount("a@example.org", "p".toCharArray(), -1);
        assertThat(again.id()).isNotEqualTo(a.id());
        assertThat(store.mailboxes().list(a.id())).hasSize(6); // kept mail
    }

    @Test
    void aliasesResolveRecursivelyWithCatchAllLast() {
        Account alice = d.addAccount("alice@example.org", "p".toCharArray(), -1);
        Account bob = d.addAccount("bob@example.org", "p".toCharArray(), -1);
        Account post = d.addAccount("postmaster@example.org", "p".toCharArray(), -1);
        d.addAlias("team@example.org", List.of("alice@example.org", "sales@example.org"));
        d.addAlias("sales@example.org", List.of("Bob@example.org", "alice@example.org"));
        d.addAlias("@example.org", List.of("postmaster@example.org"));

        assertThat(d.resolve("alice@example.org")).isEqualTo(new RecipientResolution.Local(List.of(alice)));
        assertThat(d.resolve("TEAM@example.org")).isEqualTo(new RecipientResolution.Local(List.of(alice, bob)));
        assertThat(d.resolve("whoever@example.org")).isEqualTo(new RecipientResolution.Local(List.of(post)));
        assertThat(d.resolve("x@elsewhere.net")).isEqualTo(new RecipientResolution.Remote("x@elsewhere.net"));
        assertThatThrownBy(() -> d.resolve("broken")).isInstanceOf(InvalidNameException.class);

        d.removeAlias("@example.org");
        assertThat(d.resolve("whoever@example.org"))
                .isEqualTo(new RecipientResolution.UnknownUser("whoever@example.org"));
        assertThat(d.aliases()).extracting(a -> a.source()).containsExactly("sales@example.org", "team@example.org");
    }

    @Test
    void aliasLoopsAndDuplicatesAreRefused() {
        d.addAccount("alice@example.org", "p".toCharArray(), -1);
        d.addAlias("a@example.org", List.of("b@example.org"));
        assertThatThrownBy(() -> d.addAlias("b@example.org", List.of("a@example.org")))
                .isInstanceOf(AliasLoopException.class);
        assertThatThrownBy(() -> d.addAlias("self@example.org", List.of("self@example.org")))
                .isInstanceOf(AliasLoopException.class);
        // catch-all pointing at a non-existent local name loops back into itself
        assertThatThrownBy(() -> d.addAlias("@example.org", List.of("nobody@example.org")))
                .isInstanceOf(AliasLoopException.class);
        assertThatThrownBy(() -> d.addAlias("a@example.org", List.of("alice@example.org")))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> d.addAlias("alice@example.org", List.of("a@example.org")))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> d.addAlias("x@other.org", List.of("alice@example.org")))
                .isInstanceOf(DomainNotFoundException.class);
        assertThatThrownBy(() -> d.addAlias("x@example.org", List.of("not-an-address")))
                .isInstanceOf(InvalidNameException.class);
        assertThat(d.aliases()).extracting(a -> a.source()).containsExactly("a@example.org");
    }
}
