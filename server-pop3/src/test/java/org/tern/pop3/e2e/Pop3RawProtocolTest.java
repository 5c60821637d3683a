package org.tern.pop3.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.Flags;
import org.tern.store.MessageMeta;
import org.tern.store.UidSet;
import org.tern.store.testing.TestMailStores;

/** Conversations with the live server over raw sockets: RFC 1939, 2449, 2595, 5034. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pop3RawProtocolTest {

    @TempDir
    static Path dir;
    private Pop3TestServer server;
    private int accounts;
    private String user;
    private Account account;

    @BeforeAll
    void start() {
        server = Pop3TestServer.start(dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** A fresh account with three messages for every test. */
    @BeforeEach
    void freshAccount() {
        user = "user" + (++accounts) + "@example.org";
        account = server.account(user, "secret pw");
        for (int i = 1; i <= 3; i++) {
            server.deliver(account, TestMailStores.message("Message " + i, "Body of message " + i));
        }
    }

    private RawPop3Client login() throws Exception {
        return server.login(user, "secret pw");
    }

    private int stat(RawPop3Client c) throws IOException {
        String s = c.command("STAT");
        assertThat(s).matches("\\+OK \\d+ \\d+");
        return Integer.parseInt(s.split(" ")[1]);
    }

    private int inboxCount() {
        return server.store.messages().list(server.inbox(account), UidSet.ALL).size();
    }

    @Test
    void capaBeforeLoginListsWhatWorks() throws Exception {
        try (RawPop3Client c = server.connect()) {
            assertThat(c.command("CAPA")).startsWith("+OK");
            List<String> caps = c.readMultiline();
            assertThat(caps).contains("TOP", "UIDL", "USER", "RESP-CODES", "PIPELINING", "SASL PLAIN LOGIN", "STLS",
                    "AUTH-RESP-CODE", "IMPLEMENTATION Tern");
            assertThat(caps).noneMatch(l -> l.startsWith("EXPIRE") || l.startsWith("APOP"));
        }
    }

    @Test
    void transactionCommandsAreRefusedBeforeLogin() throws Exception {
        try (RawPop3Client c = server.connect()) {
            for (String cmd : List.of("STAT", "LIST", "LIST 1", "RETR 1", "DELE 1", "NOOP", "RSET", "TOP 1 0", "UIDL", "UIDL 1")) {
                assertThat(c.command(cmd)).as(cmd).startsWith("-ERR");
            }
            assertThat(c.command("APOP " + user + " c4c9334bac560ecc979e58001b3e22fb")).startsWith("-ERR");
            assertThat(c.command("PASS secret")).startsWith("-ERR");
            assertThat(c.command("USER " + user)).startsWith("+OK");
            assertThat(c.command("PASS secret pw")).startsWith("+OK");
            assertThat(stat(c)).isEqualTo(3);
        }
    }

    @Test
    void authorizationCommandsAreRefusedAfterLogin() throws Exception {
        try (RawPop3Client c = login()) {
            for (String cmd : List.of("USER " + user, "PASS secret pw", "AUTH PLAIN", "STLS", "APOP a b")) {
                assertThat(c.command(cmd)).as(cmd).startsWith("-ERR");
            }
            assertThat(c.command("CAPA")).startsWith("+OK");
            List<String> caps = c.readMultiline();
            assertThat(caps).contains("TOP", "UIDL", "PIPELINING").doesNotContain("USER", "STLS")
                    .noneMatch(l -> l.startsWith("SASL"));
            assertThat(c.command("NOOP")).isEqualTo("+OK");
            assertThat(c.command("QUIT")).startsWith("+OK");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void badArgumentsAreRefused() throws Exception {
        // Two sessions: syntax errors count towards the bad-command limit.
        for (List<String> commands : List.of(
                List.of("LIST 0", "LIST 4", "LIST x", "LIST 1 2", "RETR", "RETR 9", "RETR -1", "DELE", "DELE 4"),
                List.of("TOP 1", "TOP 1 x", "TOP 9 1", "UIDL 4", "STAT 1", "NOOP x", "QUIT now", "RSET 1", "UIDL 1 2"))) {
            try (RawPop3Client c = login()) {
                for (String cmd : commands) {
                    assertThat(c.command(cmd)).as(cmd).startsWith("-ERR");
                }
                assertThat(stat(c)).isEqualTo(3);
                assertThat(c.command("QUIT")).startsWith("+OK");
            }
        }
    }

    @Test
    void statListUidlDescribeTheSnapshot() throws Exception {
        List<MessageMeta> metas = server.store.messages().list(server.inbox(account), UidSet.ALL);
        long total = metas.stream().mapToLong(MessageMeta::size).sum();
        List<String> uidls;
        try (RawPop3Client c = login()) {
            assertThat(c.command("STAT")).isEqualTo("+OK 3 " + total);
            assertThat(c.command("LIST")).startsWith("+OK");
            assertThat(c.readMultiline()).containsExactly("1 " + metas.get(0).size(), "2 " + metas.get(1).size(),
                    "3 " + metas.get(2).size());
            assertThat(c.command("LIST 2")).isEqualTo("+OK 2 " + metas.get(1).size());
            assertThat(c.command("UIDL")).startsWith("+OK");
            uidls = c.readMultiline();
            assertThat(uidls).hasSize(3).allMatch(l -> l.matches("\\d \\p{Graph}{1,70}"));
            assertThat(uidls.stream().map(l -> l.split(" ")[1]).distinct()).hasSize(3);
            assertThat(c.command("UIDL 3")).isEqualTo("+OK " + uidls.get(2));
            // A message arriving during the session is not part of the snapshot.
            server.deliver(account, TestMailStores.message("late", "late"));
            assertThat(stat(c)).isEqualTo(3);
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        // Stable across sessions, flag changes and other expunges.
        long inbox = server.inbox(account);
        server.store.messages().storeFlags(inbox, UidSet.ALL, org.tern.store.FlagOperation.ADD,
                Flags.of(Flags.SystemFlag.FLAGGED), 0, org.tern.store.Origin.SYSTEM);
        server.store.messages().expunge(inbox, UidSet.of(metas.get(0).uid()), org.tern.store.ExpungeMode.ALL_GIVEN,
                org.tern.store.Origin.SYSTEM);
        try (RawPop3Client c = login()) {
            assertThat(c.command("UIDL")).startsWith("+OK");
            List<String> again = c.readMultiline();
            assertThat(again.get(0).split(" ")[1]).isEqualTo(uidls.get(1).split(" ")[1]);
            assertThat(again.get(1).split(" ")[1]).isEqualTo(uidls.get(2).split(" ")[1]);
            assertThat(again).hasSize(3);
        }
    }

    @Test
    void retrSendsTheMessageDotStuffedAndEndsWithCrlfDotCrlf() throws Exception {
        String body = "Subject: dots\r\n\r\n.starts with a dot\r\nmiddle . dot\r\n..two dots\r\n.\r\nlast line without crlf";
        server.store.messages().expunge(server.inbox(account), UidSet.ALL, org.tern.store.ExpungeMode.ALL_GIVEN,
                org.tern.store.Origin.SYSTEM);
        server.deliver(account, body.getBytes(StandardCharsets.US_ASCII));
        try (RawPop3Client c = login()) {
            assertThat(c.command("RETR 1")).isEqualTo("+OK " + body.length() + " octets.");
            String sent = new String(c.readMultilineRaw(), StandardCharsets.US_ASCII);
            assertThat(sent).isEqualTo("Subject: dots\r\n\r\n..starts with a dot\r\nmiddle . dot\r\n...two dots\r\n..\r\n"
                    + "last line without crlf\r\n.\r\n");
            assertThat(c.command("NOOP")).isEqualTo("+OK");
        }
    }

    @Test
    void topSendsHeaderAndNLines() throws Exception {
        String msg = "From: a@example.net\r\nSubject: top\r\n\r\nline 1\r\n.line 2\r\nline 3\r\n";
        server.store.messages().expunge(server.inbox(account), UidSet.ALL, org.tern.store.ExpungeMode.ALL_GIVEN,
                org.tern.store.Origin.SYSTEM);
        server.deliver(account, msg.getBytes(StandardCharsets.US_ASCII));
        try (RawPop3Client c = login()) {
            assertThat(c.command("TOP 1 0")).startsWith("+OK");
            assertThat(c.readMultiline()).containsExactly("From: a@example.net", "Subject: top", "");
            assertThat(c.command("TOP 1 2")).startsWith("+OK");
            assertThat(c.readMultiline()).containsExactly("From: a@example.net", "Subject: top", "", "line 1", "..line 2");
            assertThat(c.command("TOP 1 100")).startsWith("+OK");
            assertThat(c.readMultiline()).hasSize(6);
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        // TOP does not mark \Seen.
        assertThat(server.store.messages().list(server.inbox(account), UidSet.ALL).get(0).flags()
                .contains(Flags.SystemFlag.SEEN)).isFalse();
    }

    @Test
    void retrSetsSeenForImapClients() throws Exception {
        try (RawPop3Client c = login()) {
            assertThat(c.command("RETR 2")).startsWith("+OK");
            c.readMultiline();
            assertThat(c.command("QUIT")).startsWith("+OK");
            assertThat(c.isClosedByServer()).isTrue();
        }
        List<MessageMeta> metas = server.store.messages().list(server.inbox(account), UidSet.ALL);
        assertThat(metas).extracting(m -> m.flags().contains(Flags.SystemFlag.SEEN)).containsExactly(false, true, false);
    }

    @Test
    void deleThenDropDeletesNothing() throws Exception {
        RawPop3Client c = login();
        assertThat(c.command("DELE 1")).startsWith("+OK");
        assertThat(c.command("DELE 2")).startsWith("+OK");
        c.close();
        try (RawPop3Client again = login()) {
            assertThat(stat(again)).isEqualTo(3);
        }
        assertThat(inboxCount()).isEqualTo(3);
    }

    @Test
    void deleRsetQuitDeletesNothing() throws Exception {
        try (RawPop3Client c = login()) {
            assertThat(c.command("DELE 1")).startsWith("+OK");
            assertThat(c.command("DELE 3")).startsWith("+OK");
            assertThat(stat(c)).isEqualTo(1);
            assertThat(c.command("RSET")).startsWith("+OK");
            assertThat(stat(c)).isEqualTo(3);
            assertThat(c.command("QUIT")).startsWith("+OK");
            assertThat(c.isClosedByServer()).isTrue();
        }
        assertThat(inboxCount()).isEqualTo(3);
    }

    @Test
    void deleMarksAndQuitRemoves() throws Exception {
        try (RawPop3Client c = login()) {
            assertThat(c.command("DELE 2")).isEqualTo("+OK Message 2 deleted.");
            assertThat(c.command("DELE 2")).startsWith("-ERR");
            assertThat(c.command("RETR 2")).startsWith("-ERR");
            assertThat(c.command("TOP 2 0")).startsWith("-ERR");
            assertThat(c.command("LIST 2")).startsWith("-ERR");
            assertThat(c.command("UIDL 2")).startsWith("-ERR");
            assertThat(c.command("LIST")).startsWith("+OK 2 messages");
            assertThat(c.readMultiline()).extracting(l -> l.split(" ")[0]).containsExactly("1", "3");
            assertThat(stat(c)).isEqualTo(2);
            assertThat(c.command("QUIT")).isEqualTo("+OK Tern POP3 server signing off (1 message deleted).");
            assertThat(c.isClosedByServer()).isTrue();
        }
        assertThat(inboxCount()).isEqualTo(2);
        try (RawPop3Client c = login()) {
            assertThat(stat(c)).isEqualTo(2);
        }
    }

    @Test
    void secondSessionGetsInUse() throws Exception {
        try (RawPop3Client first = login()) {
            try (RawPop3Client second = server.connect()) {
                second.command("USER " + user);
                assertThat(second.command("PASS secret pw")).startsWith("-ERR [IN-USE]");
                // Still in AUTHORIZATION: may try again later.
                assertThat(second.command("CAPA")).startsWith("+OK");
                second.readMultiline();
            }
            assertThat(first.command("QUIT")).startsWith("+OK");
        }
        try (RawPop3Client third = login()) {
            assertThat(stat(third)).isEqualTo(3);
        }
    }

    @Test
    void wrongPasswordGetsAuthCodeAndUserMustBeRepeated() throws Exception {
        try (RawPop3Client c = server.connect()) {
            assertThat(c.command("USER " + user)).startsWith("+OK");
            assertThat(c.command("PASS wrong")).startsWith("-ERR [AUTH]");
            assertThat(c.command("PASS secret pw")).startsWith("-ERR");
            assertThat(c.command("USER nobody@example.org")).startsWith("+OK");
            assertThat(c.command("PASS secret pw")).startsWith("-ERR [AUTH]");
            assertThat(c.command("USER " + user)).startsWith("+OK");
            assertThat(c.command("PASS secret pw")).startsWith("+OK");
        }
    }

    @Test
    void saslPlainWithInitialResponse() throws Exception {
        String ir = b64("\0" + user + "\0secret pw");
        try (RawPop3Client c = server.connect()) {
            assertThat(c.command("AUTH PLAIN " + ir)).startsWith("+OK");
            assertThat(stat(c)).isEqualTo(3);
        }
    }

    @Test
    void saslPlainWithContinuationAndWrongPassword() throws Exception {
        try (RawPop3Client c = server.connect()) {
            assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.command(b64("\0" + user + "\0nope"))).startsWith("-ERR [AUTH]");
            assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.command(b64("\0" + user + "\0secret pw"))).startsWith("+OK");
        }
    }

    @Test
    void saslLogin() throws Exception {
        try (RawPop3Client c = server.connect()) {
            assertThat(c.command("AUTH LOGIN")).startsWith("+ ");
            assertThat(c.command(b64(user))).startsWith("+ ");
            assertThat(c.command(b64("secret pw"))).startsWith("+OK");
            assertThat(stat(c)).isEqualTo(3);
        }
    }

    @Test
    void saslCancelMalformedAndUnknown() throws Exception {
        try (RawPop3Client c = server.connect()) {
            assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.command("*")).startsWith("-ERR");
            assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.command("!!!not base64")).startsWith("-ERR");
            assertThat(c.command("AUTH CRAM-MD5")).startsWith("-ERR");
            assertThat(c.command("AUTH PLAIN %%%")).startsWith("-ERR");
            assertThat(c.command("AUTH")).startsWith("+OK");
            assertThat(c.readMultiline()).containsExactly("PLAIN", "LOGIN");
            assertThat(c.command("AUTH PLAIN " + b64("other@example.org\0" + user + "\0secret pw"))).startsWith("-ERR [AUTH]");
            assertThat(c.command("AUTH PLAIN " + b64("\0" + user + "\0secret pw"))).startsWith("+OK");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (RawPop3Client c = server.connect()) {
            c.sendRaw(("CAPA\r\nUSER " + user + "\r\nPASS secret pw\r\nSTAT\r\nLIST\r\nUIDL 1\r\nRETR 1\r\nTOP 2 0\r\n"
                    + "DELE 3\r\nNOOP\r\nRSET\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readMultiline()).contains("PIPELINING");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).startsWith("+OK Logged in");
            assertThat(c.readLine()).startsWith("+OK 3 ");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readMultiline()).hasSize(3);
            assertThat(c.readLine()).startsWith("+OK 1 ");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readMultiline()).contains("Subject: Message 1", "Body of message 1");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readMultiline()).contains("Subject: Message 2").doesNotContain("Body of message 2");
            assertThat(c.readLine()).startsWith("+OK Message 3 deleted");
            assertThat(c.readLine()).isEqualTo("+OK");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).startsWith("+OK Tern POP3 server signing off (0");
            assertThat(c.isClosedByServer()).isTrue();
        }
        assertThat(inboxCount()).isEqualTo(3);
    }

    @Test
    void plaintextPipelinedAfterStlsIsDiscarded() throws Exception {
        try (RawPop3Client c = server.connect()) {
            c.sendRaw(("STLS\r\nUSER " + user + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readLine()).startsWith("+OK");
            c.upgrade(Pop3TestServer.trustAll());
            // Had the injected USER been read, PASS would log in.
            assertThat(c.command("PASS secret pw")).startsWith("-ERR");
            assertThat(c.command("CAPA")).startsWith("+OK");
            assertThat(c.readMultiline()).contains("USER").doesNotContain("STLS");
            assertThat(c.command("STLS")).startsWith("-ERR");
            assertThat(c.command("USER " + user)).startsWith("+OK");
            assertThat(c.command("PASS secret pw")).startsWith("+OK");
            assertThat(stat(c)).isEqualTo(3);
        }
    }

    @Test
    void implicitTlsListenerServesWithoutStls() throws Exception {
        try (RawPop3Client c = RawPop3Client.tls(server.pop3sAddress(), Pop3TestServer.trustAll())) {
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.command("CAPA")).startsWith("+OK");
            assertThat(c.readMultiline()).contains("USER", "SASL PLAIN LOGIN").doesNotContain("STLS");
            assertThat(c.command("STLS")).startsWith("-ERR");
            assertThat(c.command("USER " + user)).startsWith("+OK");
            assertThat(c.command("PASS secret pw")).startsWith("+OK");
            assertThat(c.command("RETR 1")).startsWith("+OK");
            assertThat(c.readMultiline()).contains("Body of message 1");
        }
    }

    @Test
    void badInputGetsErrorsThenTheListenerStillServes() throws Exception {
        try (RawPop3Client c = server.connect()) {
            c.send("X".repeat(20_000));
            assertThat(c.readLine()).startsWith("-ERR");
            c.sendRaw(new byte[] {'U', 'S', 'E', 'R', ' ', 0, 0, 'a', '\r', '\n'});
            assertThat(c.readLine()).startsWith("-ERR");
            c.sendRaw(new byte[] {(byte) 0xff, (byte) 0xfe, 1, 2, 3, '\r', '\n'});
            assertThat(c.readLine()).startsWith("-ERR");
            assertThat(c.command("HELO there")).startsWith("-ERR");
            assertThat(c.command("")).startsWith("-ERR");
            // Still usable.
            assertThat(c.command("CAPA")).startsWith("+OK");
            c.readMultiline();
            for (int i = 0; i < 5; i++) {
                assertThat(c.command("GARBAGE" + i)).startsWith("-ERR");
            }
            assertThat(c.readLine()).startsWith("-ERR Too many bad commands");
            assertThat(c.isClosedByServer()).isTrue();
        }
        try (RawPop3Client c = login()) {
            assertThat(stat(c)).isEqualTo(3);
        }
    }

    @Test
    void quitBeforeLoginClosesCleanly() throws Exception {
        try (RawPop3Client c = server.connect()) {
            assertThat(c.command("QUIT")).startsWith("+OK");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void commandsAreCounted() throws Exception {
        try (RawPop3Client c = login()) {
            stat(c);
            c.command("FOO");
        }
        assertThat(server.registry.get("tern_commands").tags("protocol", "pop3", "verb", "STAT").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(server.registry.get("tern_commands").tags("protocol", "pop3", "verb", "UNKNOWN").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
