package org.tern.pop3.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.Flags;
import org.tern.store.MessageMeta;
import org.tern.store.UidSet;
import org.tern.store.testing.TestMailStores;

/** Behaviour that depends on configuration: plaintext policy, EXPIRE (leave-days), \Seen, idle timeout. */
class Pop3ConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void plaintextLoginNeedsTlsWhenLoopbackIsNotTrusted() throws Exception {
        try (Pop3TestServer server = Pop3TestServer.start(dir, Map.of("auth.plaintext-on-loopback", "false"))) {
            server.account("a@example.org", "pw");
            try (RawPop3Client c = server.connect()) {
                assertThat(c.command("CAPA")).startsWith("+OK");
                List<String> caps = c.readMultiline();
                assertThat(caps).contains("STLS").doesNotContain("USER").noneMatch(l -> l.startsWith("SASL"));
                assertThat(c.command("USER a@example.org")).startsWith("-ERR [AUTH]");
                assertThat(c.command("PASS pw")).startsWith("-ERR");
                assertThat(c.command("AUTH PLAIN AGFAZXhhbXBsZS5vcmcAcHc=")).startsWith("-ERR [AUTH]");
                assertThat(c.command("STLS")).startsWith("+OK");
                c.upgrade(Pop3TestServer.trustAll());
                assertThat(c.command("CAPA")).startsWith("+OK");
                assertThat(c.readMultiline()).contains("USER", "SASL PLAIN LOGIN").doesNotContain("STLS");
                assertThat(c.command("AUTH PLAIN AGFAZXhhbXBsZS5vcmcAcHc=")).startsWith("+OK");
            }
            try (RawPop3Client c = RawPop3Client.tls(server.pop3sAddress(), Pop3TestServer.trustAll())) {
                assertThat(c.readLine()).startsWith("+OK");
                assertThat(c.command("USER a@example.org")).startsWith("+OK");
                assertThat(c.command("PASS pw")).startsWith("+OK");
            }
        }
    }

    @Test
    void leaveDaysExpiresRetrievedMessagesAtLogin() throws Exception {
        Clock tenDaysLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(10));
        try (Pop3TestServer server = Pop3TestServer.start(dir, Map.of("pop3.leave-days", "3"), tenDaysLater)) {
            Account a = server.account("a@example.org", "pw");
            for (int i = 0; i < 3; i++) {
                server.deliver(a, TestMailStores.message("m" + i, "b" + i));
            }
            try (RawPop3Client c = server.login("a@example.org", "pw")) {
                assertThat(c.command("CAPA")).startsWith("+OK");
                assertThat(c.readMultiline()).contains("EXPIRE 3");
                assertThat(c.command("STAT")).startsWith("+OK 3 ");
                assertThat(c.command("RETR 2")).startsWith("+OK");
                c.readMultiline();
                assertThat(c.command("QUIT")).startsWith("+OK");
            }
            // Message 2 is now \Seen and (by the shifted clock) older than 3 days: gone at the next login.
            try (RawPop3Client c = server.login("a@example.org", "pw")) {
                assertThat(c.command("STAT")).startsWith("+OK 2 ");
            }
            assertThat(server.store.messages().list(server.inbox(a), UidSet.ALL)).hasSize(2);
        }
    }

    @Test
    void retrLeavesSeenAloneWhenConfigured() throws Exception {
        try (Pop3TestServer server = Pop3TestServer.start(dir, Map.of("pop3.retr-sets-seen", "false"))) {
            Account a = server.account("a@example.org", "pw");
            server.deliver(a, TestMailStores.message("m", "b"));
            try (RawPop3Client c = server.login("a@example.org", "pw")) {
                assertThat(c.command("RETR 1")).startsWith("+OK");
                c.readMultiline();
                assertThat(c.command("QUIT")).startsWith("+OK");
                assertThat(c.isClosedByServer()).isTrue();
            }
            MessageMeta m = server.store.messages().list(server.inbox(a), UidSet.ALL).get(0);
            assertThat(m.flags().contains(Flags.SystemFlag.SEEN)).isFalse();
        }
    }

    @Test
    void idleSessionIsClosed() throws Exception {
        try (Pop3TestServer server = Pop3TestServer.start(dir, Map.of("pop3.idle-timeout", "1s"))) {
            server.account("a@example.org", "pw");
            try (RawPop3Client c = server.login("a@example.org", "pw")) {
                long start = System.nanoTime();
                String line = c.readLine();
                assertThat(line == null || line.startsWith("-ERR")).as("reply %s", line).isTrue();
                assertThat(c.isClosedByServer()).isTrue();
                System.out.printf("idle timeout closed the session after %d ms%n", (System.nanoTime() - start) / 1_000_000);
            }
            // The lock was released with the connection.
            try (RawPop3Client c = server.login("a@example.org", "pw")) {
                assertThat(c.command("STAT")).startsWith("+OK 0 0");
            }
        }
    }
}
