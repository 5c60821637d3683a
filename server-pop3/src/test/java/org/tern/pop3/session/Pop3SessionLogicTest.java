package org.tern.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tern.core.auth.AuthResult;
import org.tern.core.auth.Authenticator;
import org.tern.core.config.TernConfig;
import org.tern.core.net.ListenerSpec;
import org.tern.core.net.ProtocolHandler;
import org.tern.core.net.ProtocolHandlerFactory;
import org.tern.pop3.Pop3Service;
import org.tern.pop3.maildrop.InProcessMaildropLock;
import org.tern.store.Account;
import org.tern.store.MailStore;
import org.tern.store.UidSet;
import org.tern.store.testing.TestMailStores;

/** The handler and a real store, without sockets: replies, states, UPDATE. Network behaviour is in e2e tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pop3SessionLogicTest {

    @TempDir
    static Path dir;
    private MailStore store;
    private Account account;
    private ProtocolHandlerFactory factory;
    private int accounts;

    @BeforeAll
    void openStore() {
        store = TestMailStores.open(dir);
    }

    @AfterAll
    void closeStore() {
        store.close();
    }

    @BeforeEach
    void setUp() {
        account = TestMailStores.account(store, "a" + (++accounts) + "@example.org", "pw");
        for (int i = 1; i <= 3; i++) {
            TestMailStores.deliver(store, TestMailStores.message("s" + i, ".b" + i), account);
        }
        Authenticator auth = (user, password, connection) -> CompletableFuture.completedFuture(
                store.directory().verifyPassword(user, password)
                        .map(a -> new AuthResult(AuthResult.Status.OK, a))
                        .orElse(new AuthResult(AuthResult.Status.FAILED, null)));
        TernConfig config = TernConfig.of(Map.of("data.dir", dir.toString()));
        factory = new Pop3Service(config, store, auth, new SimpleMeterRegistry(), new InProcessMaildropLock(), List.of(),
                Clock.systemUTC()).forListener("pop3");
    }

    private static String send(ProtocolHandler h, ScriptedConnection c, String line) {
        h.onLine(line.getBytes(StandardCharsets.UTF_8));
        return c.take();
    }

    @Test
    void fullConversation() {
        ScriptedConnection c = new ScriptedConnection(ListenerSpec.TlsMode.STARTTLS);
        ProtocolHandler h = factory.create(c);
        h.onConnect();
        assertThat(c.take()).startsWith("+OK");
        assertThat(send(h, c, "STAT")).startsWith("-ERR");
        assertThat(send(h, c, "USER " + account.address())).startsWith("+OK");
        assertThat(send(h, c, "PASS wrong")).startsWith("-ERR [AUTH]");
        assertThat(send(h, c, "USER " + account.address())).startsWith("+OK");
        assertThat(send(h, c, "PASS pw")).startsWith("+OK Logged in, maildrop has 3 messages");
        assertThat(send(h, c, "STAT")).matches("\\+OK 3 \\d+\r\n");
        assertThat(send(h, c, "RETR 1")).startsWith("+OK").contains("\r\n..b1\r\n.\r\n");
        assertThat(send(h, c, "TOP 2 0")).startsWith("+OK").endsWith("\r\n\r\n.\r\n").doesNotContain("b2");
        assertThat(send(h, c, "UIDL")).startsWith("+OK").endsWith(".\r\n");
        assertThat(send(h, c, "DELE 1")).startsWith("+OK");
        assertThat(send(h, c, "DELE 3")).startsWith("+OK");
        assertThat(send(h, c, "LIST")).startsWith("+OK 1 message (").contains("\r\n2 ");
        assertThat(send(h, c, "QUIT")).startsWith("+OK Tern POP3 server signing off (2 messages deleted)");
        assertThat(c.isOpen()).isFalse();
        h.onDisconnect();
        assertThat(store.messages().list(store.mailboxes().find(account.id(), "INBOX").orElseThrow().id(), UidSet.ALL))
                .hasSize(1);
    }

    @Test
    void stlsStartsTlsOrResumesReading() {
        ScriptedConnection c = new ScriptedConnection(ListenerSpec.TlsMode.STARTTLS);
        ProtocolHandler h = factory.create(c);
        h.onConnect();
        c.take();
        assertThat(send(h, c, "STLS")).startsWith("+OK");
        assertThat(c.tlsStarts).isEqualTo(1);
        assertThat(c.resumes).isZero();
        assertThat(send(h, c, "STLS")).startsWith("-ERR");
        assertThat(c.resumes).isEqualTo(1);
    }

    @Test
    void lineTooLongAndGarbageCountTowardsTheLimit() {
        ScriptedConnection c = new ScriptedConnection(ListenerSpec.TlsMode.STARTTLS);
        ProtocolHandler h = factory.create(c);
        h.onConnect();
        c.take();
        for (int i = 0; i < 9; i++) {
            h.onLineTooLong();
            assertThat(c.take()).startsWith("-ERR");
        }
        assertThat(c.isOpen()).isTrue();
        assertThat(send(h, c, "\u0000")).contains("Too many bad commands");
        assertThat(c.isOpen()).isFalse();
    }
}
