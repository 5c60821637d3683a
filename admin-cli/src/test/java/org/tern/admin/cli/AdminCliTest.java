package org.tern.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tern.admin.json.JsonReader;
import org.tern.admin.testing.CliHarness;
import org.tern.admin.testing.CliHarness.Result;
import org.tern.admin.testing.CliHarness.Transport;
import org.tern.admin.testing.TestStores;
import org.tern.store.Account;
import org.tern.store.testing.TestMailStores;

/**
 * Every admin command end to end through picocli, run once per transport: offline on the data folder and online
 * with --server (an HttpServer with the admin API over the same kind of store). Finding the server through
 * run/server.json is covered in {@link AdminCliTransportTest}.
 */
class AdminCliTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path temp;

    private CliHarness tern;

    @AfterEach
    void stop() {
        if (tern != null) {
            tern.close();
        }
    }

    private CliHarness start(Transport transport) throws Exception {
        tern = CliHarness.start(transport, temp);
        return tern;
    }

    // ---- helpers

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r;
    }

    /** Exit 1, nothing on stdout, exactly one line on stderr naming the problem. */
    private static Result failed(Result r, String... fragments) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("tern: ");
        for (String f : fragments) {
            assertThat(r.err()).as(r.toString()).containsIgnoringCase(f);
        }
        return r;
    }

    private static Result usage(Result r) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> jsonList(Result r) {
        return (List<Map<String, Object>>) JsonReader.parse(ok(r).out());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonObject(Result r) {
        return (Map<String, Object>) JsonReader.parse(ok(r).out());
    }

    private List<Object> domainNames() {
        return jsonList(tern.run("domain", "list", "--json")).stream().map(d -> d.get("name")).toList();
    }

    private List<Object> userAddresses() {
        return jsonList(tern.run("user", "list", "--json")).stream().map(u -> u.get("address")).toList();
    }

    private List<Object> aliasSources() {
        return jsonList(tern.run("alias", "list", "--json")).stream().map(a -> a.get("source")).toList();
    }

    private List<Object> mailboxNames(String address) {
        return jsonList(tern.run("mailbox", "list", address, "--json")).stream().map(m -> m.get("name")).toList();
    }

    private boolean canLogin(String address, String password) throws Exception {
        Boolean ok = tern.withStore(s -> s.directory().verifyPassword(address, password.toCharArray()).isPresent());
        return ok;
    }

    private void addUser(String address) {
        ok(tern.runWithStdin(PASSWORD + "\n", "user", "add", address, "--password-stdin"));
    }

    private void exampleDomain() {
        ok(tern.run("domain", "add", "example.org"));
    }

    // ---- domains

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void domainAddListRemove(Transport transport) throws Exception {
        start(transport);
        assertThat(ok(tern.run("domain", "add", "Example.ORG")).out()).isEqualTo("Added domain example.org\n");
        ok(tern.run("domain", "add", "example.net"));

        Result table = ok(tern.run("domain", "list"));
        assertThat(table.out().split("\n")).hasSize(3);
        assertThat(table.out()).startsWith("DOMAIN       USERS  ALIASES  CREATED\n")
                .contains("example.net  0      0");
        List<Map<String, Object>> json = jsonList(tern.run("domain", "list", "--json"));
        assertThat(json).extracting(d -> d.get("name")).containsExactly("example.net", "example.org");
        assertThat(json.get(0)).containsKeys("created", "accounts", "aliases");

        assertThat(ok(tern.run("domain", "remove", "example.net")).out()).isEqualTo("Removed domain example.net\n");
        assertThat(domainNames()).containsExactly("example.org");
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void domainBadInput(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        failed(tern.run("domain", "add", "bad_domain!"), "invalid domain 'bad_domain!'");
        failed(tern.run("domain", "add", "example.org"), "already exists");
        failed(tern.run("domain", "remove", "nowhere.example"), "unknown domain nowhere.example");
        addUser("alice@example.org");
        failed(tern.run("domain", "remove", "example.org"), "example.org", "1 user");
        assertThat(domainNames()).containsExactly("example.org");
        assertThat(userAddresses()).containsExactly("alice@example.org");
    }

    // ---- users

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void userAddShowListWithQuota(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        ok(tern.run("domain", "add", "example.net"));
        Result added = ok(tern.runWithStdin(PASSWORD + "\r\n", "user", "add", "Alice@Example.org",
                "--password-stdin", "--quota", "5G"));
        assertThat(added.out()).isEqualTo("Added user alice@example.org (quota 5G)\n");
        addUser("bob@example.net");

        Result list = ok(tern.run("user", "list"));
        assertThat(list.out()).startsWith("ADDRESS            QUOTA      USED  MESSAGES  STATE\n")
                .contains("alice@example.org  5G         0B    0         enabled")
                .contains("bob@example.net    unlimited");
        assertThat(jsonList(tern.run("user", "list", "--domain", "example.net", "--json")))
                .extracting(u -> u.get("address")).containsExactly("bob@example.net");

        Map<String, Object> alice = jsonObject(tern.run("user", "show", "alice@example.org", "--json"));
        assertThat(alice).containsEntry("address", "alice@example.org").containsEntry("domain", "example.org")
                .containsEntry("quotaBytes", 5L * 1024 * 1024 * 1024).containsEntry("disabled", false)
                .containsKey("created");
        assertThat(jsonObject(tern.run("user", "show", "bob@example.net", "--json"))).containsEntry("quotaBytes", null);
        assertThat(ok(tern.run("user", "show", "alice@example.org")).out())
                .contains("Address:   alice@example.org").contains("Quota:     5G").contains("State:     enabled");

        assertThat(canLogin("alice@example.org", PASSWORD)).isTrue();

        deliverToAlice(3);
        Map<String, Object> after = jsonObject(tern.run("user", "show", "alice@example.org", "--json"));
        assertThat(after).containsEntry("messages", 3L);
        assertThat((Long) after.get("usedBytes")).isPositive();
        Map<String, Object> inbox = jsonList(tern.run("mailbox", "list", "alice@example.org", "--json")).stream()
                .filter(m -> m.get("name").equals("INBOX")).findFirst().orElseThrow();
        assertThat(inbox).containsEntry("messages", 3L).containsEntry("unseen", 3L).containsEntry("selectable", true);
        assertThat(ok(tern.run("mailbox", "list", "alice@example.org")).out()).containsPattern("INBOX\\s+3\\s+3\\s+");
    }

    private void deliverToAlice(int count) throws Exception {
        tern.withStore(s -> {
            Account alice = s.directory().account("alice@example.org").orElseThrow();
            for (int i = 0; i < count; i++) {
                TestMailStores.deliver(s, TestMailStores.message("hello " + i, "body " + i), alice);
            }
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void userAddBadInputChangesNothing(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        addUser("alice@example.org");
        failed(tern.runWithStdin(PASSWORD + "\n", "user", "add", "not-an-address", "--password-stdin"),
                "invalid address 'not-an-address'");
        failed(tern.runWithStdin(PASSWORD + "\n", "user", "add", "a..b@example.org", "--password-stdin"),
                "invalid address");
        failed(tern.runWithStdin(PASSWORD + "\n", "user", "add", "ALICE@example.org", "--password-stdin"),
                "user alice@example.org already exists");
        failed(tern.runWithStdin(PASSWORD + "\n", "user", "add", "carol@unknown.example", "--password-stdin"),
                "unknown domain unknown.example");
        failed(tern.runWithStdin(PASSWORD + "\n", "user", "add", "carol@example.org", "--password-stdin",
                "--quota", "5X"), "invalid quota '5X'");
        failed(tern.runWithStdin(PASSWORD + "\n", "user", "add", "carol@example.org", "--password-stdin",
                "--quota", "0"), "invalid quota");
        failed(tern.runWithStdin("short\n", "user", "add", "carol@example.org", "--password-stdin"),
                "weak password", "--allow-weak");
        failed(tern.runWithStdin("", "user", "add", "carol@example.org", "--password-stdin"),
                "no password on standard input");
        failed(tern.run("user", "add", "carol@example.org"), "--password-stdin");
        assertThat(userAddresses()).containsExactly("alice@example.org");

        ok(tern.runWithStdin("short\n", "user", "add", "carol@example.org", "--password-stdin", "--allow-weak"));
        assertThat(userAddresses()).containsExactly("alice@example.org", "carol@example.org");
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void userAddPromptsTwiceOnATerminal(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        tern.terminal().answer(PASSWORD, "something else");
        failed(tern.run("user", "add", "alice@example.org"), "passwords differ");
        assertThat(userAddresses()).isEmpty();

        tern.terminal().answer(PASSWORD, PASSWORD);
        ok(tern.run("user", "add", "alice@example.org"));
        assertThat(tern.terminal().prompts()).contains("Password for alice@example.org: ", "Repeat password: ");
        assertThat(userAddresses()).containsExactly("alice@example.org");
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void userPasswdDisableEnable(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        addUser("alice@example.org");
        String newPassword = "another long secret";
        ok(tern.runWithStdin(newPassword + "\n", "user", "passwd", "alice@example.org", "--password-stdin"));
        assertThat(canLogin("alice@example.org", newPassword)).isTrue();
        failed(tern.runWithStdin("tiny\n", "user", "passwd", "alice@example.org", "--password-stdin"),
                "weak password");
        failed(tern.runWithStdin(newPassword + "\n", "user", "passwd", "nobody@example.org", "--password-stdin"),
                "unknown user nobody@example.org");
        assertThat(canLogin("alice@example.org", newPassword)).isTrue();

        assertThat(ok(tern.run("user", "disable", "alice@example.org")).out())
                .isEqualTo("Disabled user alice@example.org\n");
        assertThat(jsonObject(tern.run("user", "show", "alice@example.org", "--json"))).containsEntry("disabled", true);
        assertThat(ok(tern.run("user", "list")).out()).contains("disabled");
        ok(tern.run("user", "enable", "alice@example.org"));
        assertThat(jsonObject(tern.run("user", "show", "alice@example.org", "--json"))).containsEntry("disabled", false);
        failed(tern.run("user", "disable", "nobody@example.org"), "unknown user");
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void userQuota(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        addUser("alice@example.org");
        assertThat(ok(tern.run("user", "quota", "alice@example.org", "500M")).out())
                .isEqualTo("Quota of alice@example.org set to 500M\n");
        assertThat(jsonObject(tern.run("user", "show", "alice@example.org", "--json")))
                .containsEntry("quotaBytes", 500L * 1024 * 1024);
        for (String bad : List.of("12Q", "5 G B", "lots", "1e9", "")) {
            failed(tern.run("user", "quota", "alice@example.org", bad), "invalid quota");
        }
        assertThat(jsonObject(tern.run("user", "show", "alice@example.org", "--json")))
                .containsEntry("quotaBytes", 500L * 1024 * 1024);
        ok(tern.run("user", "quota", "alice@example.org", "unlimited"));
        assertThat(jsonObject(tern.run("user", "show", "alice@example.org", "--json"))).containsEntry("quotaBytes", null);
        failed(tern.run("user", "quota", "nobody@example.org", "1G"), "unknown user");
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void userRemove(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        addUser("alice@example.org");
        addUser("bob@example.org");
        addUser("carol@example.org");

        tern.terminal().answer("n");
        failed(tern.run("user", "remove", "alice@example.org"), "not confirmed");
        assertThat(tern.terminal().prompts()).anyMatch(p -> p.contains("Remove user alice@example.org and all its mail"));
        assertThat(userAddresses()).contains("alice@example.org");

        tern.terminal().answer("y");
        assertThat(ok(tern.run("user", "remove", "alice@example.org")).out())
                .isEqualTo("Removed user alice@example.org\n");
        ok(tern.run("user", "remove", "bob@example.org", "--keep-mail", "--yes"));
        tern.terminal().interactive(false);
        ok(tern.run("user", "remove", "carol@example.org"));
        assertThat(userAddresses()).isEmpty();
        failed(tern.run("user", "remove", "alice@example.org", "--yes"), "unknown user alice@example.org");
        ok(tern.run("domain", "remove", "example.org"));
    }

    // ---- aliases

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void aliasAddListRemove(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        addUser("alice@example.org");
        addUser("bob@example.org");
        assertThat(ok(tern.run("alias", "add", "Sales@example.org", "alice@example.org", "bob@example.org")).out())
                .isEqualTo("Added alias sales@example.org -> alice@example.org, bob@example.org\n");
        ok(tern.run("alias", "add", "@example.org", "alice@example.org"));
        assertThat(ok(tern.run("alias", "list")).out())
                .contains("ALIAS              TARGETS")
                .contains("sales@example.org  alice@example.org, bob@example.org");
        List<Map<String, Object>> json = jsonList(tern.run("alias", "list", "--json"));
        assertThat(json).extracting(a -> a.get("source")).containsExactly("@example.org", "sales@example.org");
        assertThat(json.get(1).get("targets")).isEqualTo(List.of("alice@example.org", "bob@example.org"));
        assertThat(jsonList(tern.run("domain", "list", "--json")).get(0)).containsEntry("aliases", 2L);

        ok(tern.run("alias", "remove", "@example.org"));
        ok(tern.run("alias", "remove", "sales@example.org"));
        assertThat(aliasSources()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void aliasBadInputChangesNothing(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        addUser("alice@example.org");
        ok(tern.run("alias", "add", "a@example.org", "b@example.org"));
        failed(tern.run("alias", "add", "b@example.org", "a@example.org"), "loop");
        failed(tern.run("alias", "add", "a@example.org", "alice@example.org"), "already exists");
        failed(tern.run("alias", "add", "x@elsewhere.example", "alice@example.org"), "unknown domain elsewhere.example");
        failed(tern.run("alias", "add", "not an alias", "alice@example.org"), "invalid address");
        failed(tern.run("alias", "add", "c@example.org", "no-at-sign"), "invalid address 'no-at-sign'");
        failed(tern.run("alias", "add", "@bad_domain", "alice@example.org"), "invalid catch-all");
        failed(tern.run("alias", "add", "alice@example.org", "a@example.org"), "already a user");
        failed(tern.run("alias", "remove", "nothing@example.org"), "unknown alias");
        usage(tern.run("alias", "add", "c@example.org"));
        assertThat(aliasSources()).containsExactly("a@example.org");
        failed(tern.run("domain", "remove", "example.org"), "1 alias");
    }

    // ---- mailboxes

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void mailboxListCreateRenameRemove(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        addUser("alice@example.org");
        assertThat(mailboxNames("alice@example.org"))
                .contains("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
        Result table = ok(tern.run("mailbox", "list", "alice@example.org"));
        assertThat(table.out()).startsWith("MAILBOX").contains("MESSAGES").contains("INBOX");

        assertThat(ok(tern.run("mailbox", "create", "alice@example.org", "Projects/2024")).out())
                .isEqualTo("Created mailbox Projects/2024 of alice@example.org\n");
        assertThat(mailboxNames("alice@example.org")).contains("Projects", "Projects/2024");
        ok(tern.run("mailbox", "create", "alice@example.org", "Reports with space"));

        assertThat(ok(tern.run("mailbox", "rename", "alice@example.org", "Projects", "Work")).out())
                .isEqualTo("Renamed mailbox Projects to Work\n");
        assertThat(mailboxNames("alice@example.org")).contains("Work", "Work/2024").doesNotContain("Projects");

        ok(tern.run("mailbox", "remove", "alice@example.org", "Work/2024"));
        ok(tern.run("mailbox", "remove", "alice@example.org", "Reports with space"));
        assertThat(mailboxNames("alice@example.org")).contains("Work")
                .doesNotContain("Work/2024", "Reports with space");
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void mailboxBadInputChangesNothing(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        addUser("alice@example.org");
        List<Object> before = mailboxNames("alice@example.org");
        failed(tern.run("mailbox", "remove", "alice@example.org", "INBOX"), "INBOX");
        failed(tern.run("mailbox", "remove", "alice@example.org", "Nope"), "unknown mailbox Nope");
        failed(tern.run("mailbox", "create", "alice@example.org", "Sent"), "already exists");
        failed(tern.run("mailbox", "create", "alice@example.org", "a//b"), "invalid mailbox name");
        failed(tern.run("mailbox", "rename", "alice@example.org", "Nope", "Other"), "unknown mailbox");
        failed(tern.run("mailbox", "rename", "alice@example.org", "Sent", "Trash"), "already exists");
        failed(tern.run("mailbox", "list", "nobody@example.org"), "unknown user nobody@example.org");
        usage(tern.run("mailbox", "create", "alice@example.org"));
        assertThat(mailboxNames("alice@example.org")).isEqualTo(before);
    }

    // ---- queue

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void queueListShowRetryRemove(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        addUser("alice@example.org");
        long first = tern.withStore(s -> TestStores.enqueue(s, "alice@example.org",
                List.of("bob@remote.example", "carol@remote.example")));
        long second = tern.withStore(s -> TestStores.enqueue(s, "", List.of("dave@remote.example")));

        Result table = ok(tern.run("queue", "list"));
        assertThat(table.out()).startsWith("ID").contains("SENDER").contains("alice@example.org")
                .contains("bob@remote.example +1 (2 pending)").contains("<>");
        List<Map<String, Object>> json = jsonList(tern.run("queue", "list", "--json"));
        assertThat(json).extracting(e -> e.get("id")).containsExactly(first, second);

        Map<String, Object> entry = jsonObject(tern.run("queue", "show", String.valueOf(first), "--json"));
        assertThat(entry).containsEntry("sender", "alice@example.org").containsKeys("created", "nextAttempt", "attempts");
        assertThat((List<?>) entry.get("recipients")).hasSize(2);
        assertThat(ok(tern.run("queue", "show", String.valueOf(first))).out())
                .contains("Sender:").contains("RECIPIENT").contains("carol@remote.example").contains("PENDING");

        assertThat(ok(tern.run("queue", "retry", String.valueOf(first))).out())
                .isEqualTo("Retrying queue entry " + first + " now\n");
        assertThat(ok(tern.run("queue", "retry", "--all")).out()).isEqualTo("Retrying 2 queued message(s) now\n");
        assertThat(ok(tern.run("queue", "remove", String.valueOf(second))).out())
                .isEqualTo("Removed queue entry " + second + "\n");
        assertThat(jsonList(tern.run("queue", "list", "--json"))).extracting(e -> e.get("id")).containsExactly(first);

        failed(tern.run("queue", "show", "999999"), "no queue entry 999999");
        failed(tern.run("queue", "retry", "999999"), "no queue entry");
        failed(tern.run("queue", "remove", "999999"), "no queue entry");
        failed(tern.run("queue", "show", "abc"), "invalid queue id 'abc'");
        usage(tern.run("queue", "retry"));
        usage(tern.run("queue", "retry", "1", "--all"));
        assertThat(jsonList(tern.run("queue", "list", "--json"))).hasSize(1);
    }

    // ---- status and version

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void status(Transport transport) throws Exception {
        start(transport);
        exampleDomain();
        addUser("alice@example.org");
        addUser("bob@example.org");
        tern.withStore(s -> TestStores.enqueue(s, "alice@example.org", List.of("x@remote.example")));
        deliverToAlice(2);

        Map<String, Object> json = jsonObject(tern.run("status", "--json"));
        assertThat(json).containsEntry("domains", 1L).containsEntry("accounts", 2L)
                .containsEntry("queueEntries", 1L).containsEntry("messages", 2L)
                .containsKeys("storeBytes", "version");
        assertThat((Long) json.get("storeBytes")).isPositive();
        Result human = ok(tern.run("status"));
        assertThat(human.out()).contains("Accounts:    2").contains("Messages:    2").contains("Queue:       1").contains("Store size:");
        if (transport == Transport.OFFLINE) {
            assertThat(json).containsEntry("running", false).containsEntry("listeners", List.of());
            assertThat(human.out()).contains("not running");
        } else {
            assertThat(json).containsEntry("running", true);
            assertThat((Long) json.get("uptimeSeconds")).isGreaterThanOrEqualTo(3725L);
            assertThat(human.out()).contains("running since").contains("(up 1h 2m)")
                    .contains("LISTENER").contains("smtp      127.0.0.1:2525  up");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void version(Transport transport) throws Exception {
        start(transport);
        Result r = ok(tern.run("version"));
        assertThat(r.out()).startsWith("tern ").contains("(Java ");
        Map<String, Object> json = jsonObject(tern.run("version", "--json"));
        assertThat(json).containsKeys("version", "java", "server");
        if (transport == Transport.OFFLINE) {
            assertThat(r.out().split("\n")).hasSize(1);
            assertThat(json.get("server")).isNull();
        } else {
            assertThat(r.out()).contains("\nserver ");
            assertThat(json.get("server")).isInstanceOf(Map.class);
        }
    }

    // ---- usage

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"OFFLINE", "ONLINE"})
    void usageErrorsExitTwo(Transport transport) throws Exception {
        start(transport);
        usage(tern.run());
        usage(tern.run("user"));
        usage(tern.run("frobnicate"));
        usage(tern.run("user", "add"));
        usage(tern.run("domain", "list", "--no-such-option"));
        assertThat(ok(tern.run("user", "add", "--help")).out()).contains("--password-stdin").contains("--quota");
    }
}
