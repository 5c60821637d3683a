package org.tern.smtp.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.core.net.ListenerSpec.TlsMode;
import org.tern.smtp.message.MessageDeliverer;
import org.tern.smtp.protocol.BodyType;
import org.tern.smtp.protocol.MailAddress;
import org.tern.smtp.protocol.MailArguments;
import org.tern.smtp.protocol.RcptArguments;
import org.tern.smtp.protocol.SmtpReplies;
import org.tern.smtp.session.AcceptedRecipient;
import org.tern.smtp.session.SmtpMetrics;
import org.tern.smtp.session.SmtpPolicy;
import org.tern.smtp.session.SmtpRole;
import org.tern.smtp.session.SmtpServices;
import org.tern.smtp.session.SmtpSession;
import org.tern.smtp.session.SmtpSettings;
import org.tern.store.Account;
import org.tern.store.MailStore;
import org.tern.store.RecipientResolution;
import org.tern.store.testing.TestMailStores;

/** Each policy hook on its own, over a real store and a session without a socket. */
class SmtpPolicyHooksTest {

    @TempDir
    static Path dir;
    static MailStore store;
    static Account alice;
    static Account carol;

    @BeforeAll
    static void open() {
        store = TestMailStores.open(dir);
        alice = TestMailStores.account(store, "alice@example.org", "pw");
        TestMailStores.account(store, "bob@example.org", "pw");
        carol = TestMailStores.account(store, "carol@example.org", "pw", 1);
        store.directory().addAlias("al@example.org", List.of("alice@example.org"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static SmtpSession session(String listener, boolean secure, Account account, int maxRecipients) {
        SmtpSettings settings = new SmtpSettings(listener, SmtpRole.forListener(listener), "mx.example.org", 1000,
                maxRecipients, 20, 4096);
        SmtpServices services = new SmtpServices(store, (u, p, c) -> null, SmtpPolicy.standard(),
                new SmtpMetrics(new SimpleMeterRegistry(), listener), new MessageDeliverer(store), Clock.systemUTC());
        SmtpSession s = new SmtpSession(new FakeConnection(listener,
                listener.equals("smtps") ? TlsMode.IMPLICIT : TlsMode.STARTTLS, secure), settings, services);
        s.setAccount(account);
        s.greeted("client.example", true);
        return s;
    }

    private static MailArguments mail(String sender, long size) {
        Optional<MailAddress> from = sender.isEmpty() ? Optional.empty()
                : Optional.of(new MailAddress(sender.substring(0, sender.indexOf('@')), sender.substring(sender.indexOf('@') + 1)));
        return new MailArguments(from, size, BodyType.SEVEN_BIT, false, null, null);
    }

    private static AcceptedRecipient rcpt(SmtpSession s, String address) {
        MailAddress a = new MailAddress(address.substring(0, address.indexOf('@')), address.substring(address.indexOf('@') + 1));
        return new AcceptedRecipient(new RcptArguments(a, false, null, null), s.addresses().resolve(address));
    }

    @Test
    void relayHookRefusesRemoteRecipientsUnlessAuthenticatedSubmission() {
        SmtpSession mx = session("smtp", false, null, 10);
        mx.beginTransaction(mail("x@remote.example", -1));
        assertThat(new RelayHook().onRcpt(mx, rcpt(mx, "y@elsewhere.example")).reply()).isEqualTo(SmtpReplies.RELAY_DENIED);
        assertThat(new RelayHook().onRcpt(mx, rcpt(mx, "alice@example.org"))).isEqualTo(HookResult.DECLINED);
        // Even a logged-in account (impossible on 25, but defensively) does not make port 25 a relay.
        SmtpSession mxAuthed = session("smtp", true, alice, 10);
        mxAuthed.beginTransaction(mail("alice@example.org", -1));
        assertThat(new RelayHook().onRcpt(mxAuthed, rcpt(mxAuthed, "y@elsewhere.example")).isDenied()).isTrue();
        SmtpSession sub = session("submission", true, alice, 10);
        sub.beginTransaction(mail("alice@example.org", -1));
        assertThat(new RelayHook().onRcpt(sub, rcpt(sub, "y@elsewhere.example"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void submissionNeedsTlsThenAuth() {
        assertThat(new TlsRequiredHook().onMail(session("submission", false, null, 10), mail("a@example.org", -1)).reply())
                .isEqualTo(SmtpReplies.TLS_REQUIRED);
        assertThat(new AuthRequiredHook().onMail(session("smtps", true, null, 10), mail("a@example.org", -1)).reply())
                .isEqualTo(SmtpReplies.AUTH_REQUIRED);
        assertThat(new AuthRequiredHook().onMail(session("smtp", false, null, 10), mail("a@remote.example", -1)))
                .isEqualTo(HookResult.DECLINED);
        assertThat(new TlsRequiredHook().onMail(session("smtp", false, null, 10), mail("a@remote.example", -1)))
                .isEqualTo(HookResult.DECLINED);
    }

    @Test
    void senderMustBeTheAccountOrOneOfItsAliases() {
        SmtpSession s = session("submission", true, alice, 10);
        SenderOwnershipHook hook = new SenderOwnershipHook();
        assertThat(hook.onMail(s, mail("alice@example.org", -1))).isEqualTo(HookResult.DECLINED);
        assertThat(hook.onMail(s, mail("ALICE@Example.org", -1))).isEqualTo(HookResult.DECLINED);
        assertThat(hook.onMail(s, mail("al@example.org", -1))).isEqualTo(HookResult.DECLINED);
        assertThat(hook.onMail(s, mail("bob@example.org", -1)).reply()).isEqualTo(SmtpReplies.SENDER_NOT_OWNED);
        assertThat(hook.onMail(s, mail("alice@elsewhere.example", -1)).reply()).isEqualTo(SmtpReplies.SENDER_NOT_OWNED);
        assertThat(hook.onMail(s, mail("", -1)).reply()).isEqualTo(SmtpReplies.SENDER_NOT_OWNED);
        assertThat(hook.onMail(s, mail("jöran@example.org", -1)).reply()).isEqualTo(SmtpReplies.SENDER_NOT_OWNED);
    }

    @Test
    void sizeRecipientsAndQuota() {
        SmtpSession s = session("smtp", false, null, 1);
        assertThat(new DeclaredSizeHook().onMail(s, mail("x@remote.example", 1001)).reply())
                .isEqualTo(SmtpReplies.MESSAGE_TOO_BIG);
        assertThat(new DeclaredSizeHook().onMail(s, mail("x@remote.example", 1000))).isEqualTo(HookResult.DECLINED);
        s.beginTransaction(mail("x@remote.example", -1));
        AcceptedRecipient first = rcpt(s, "alice@example.org");
        assertThat(new MaxRecipientsHook().onRcpt(s, first)).isEqualTo(HookResult.DECLINED);
        s.transaction().addRecipient(first);
        HookResult second = new MaxRecipientsHook().onRcpt(s, rcpt(s, "bob@example.org"));
        assertThat(second.kind()).isEqualTo(HookResult.Kind.DENYSOFT);
        assertThat(second.reply()).isEqualTo(SmtpReplies.TOO_MANY_RECIPIENTS);
        // Without SIZE an empty 1-byte mailbox still passes RCPT; the store refuses at delivery.
        assertThat(new QuotaHook().onRcpt(s, rcpt(s, "carol@example.org"))).isEqualTo(HookResult.DECLINED);
        SmtpSession sized = session("smtp", false, null, 10);
        sized.beginTransaction(mail("x@remote.example", 100));
        assertThat(new QuotaHook().onRcpt(sized, rcpt(sized, "carol@example.org")).reply()).isEqualTo(SmtpReplies.OVER_QUOTA);
        assertThat(new QuotaHook().onRcpt(sized, rcpt(sized, "alice@example.org"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void unknownAndUnusualAddresses() {
        SmtpSession s = session("smtp", false, null, 10);
        s.beginTransaction(mail("x@remote.example", -1));
        assertThat(new LocalRecipientHook().onRcpt(s, rcpt(s, "nobody@example.org")).reply())
                .isEqualTo(SmtpReplies.UNKNOWN_USER);
        assertThat(s.addresses().resolve("jöran@example.org")).isInstanceOf(RecipientResolution.UnknownUser.class);
        assertThat(s.addresses().resolve("jöran@exämple.example")).isInstanceOf(RecipientResolution.Remote.class);
        assertThat(s.addresses().resolve("x@[192.0.2.1]")).isInstanceOf(RecipientResolution.Remote.class);
        assertThat(s.addresses().resolve("Alice@EXAMPLE.org")).isInstanceOf(RecipientResolution.Local.class);
    }

    @Test
    void denyNeedsPermanentAndDenySoftTemporaryReplies() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HookResult.deny(SmtpReplies.TOO_MANY_RECIPIENTS))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HookResult.denySoft(SmtpReplies.RELAY_DENIED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HookChain.run(List.<MailHook>of((s, m) -> HookResult.DECLINED, (s, m) -> HookResult.OK,
                (s, m) -> HookResult.deny(SmtpReplies.RELAY_DENIED)), h -> h.onMail(null, null))).isEqualTo(HookResult.OK);
    }
}
