package org.tern.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tern.imap.testing.ImapTestServer;
import org.tern.imap.testing.RawImapClient;
import org.tern.store.Account;

/**
 * Runs the conversations in {@code src/test/resources/scripts/*.imap} against a fresh server each.
 * <pre>
 * C: line            send a line (CRLF added)
 * S: regex           the next server line must match
 * S~ regex           skip server lines until one matches (skipped lines must not match the !forbid regex)
 * U: regex           unordered block: consecutive U: lines match the next lines in any order
 * !session NAME      switch to session NAME (connects and reads the greeting the first time)
 * !deliver SUBJECT   deliver a small message with that subject to alice's INBOX
 * !forbid regex      lines skipped by S~ must not match (empty: no check)
 * !closed            the server must close the connection
 * </pre>
 */
class ImapScriptTest {

    private static ImapTestServer server;
    private static int scriptNumber;

    @BeforeAll
    static void start() {
        server = new ImapTestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException {
        Path dir = Paths.get("src/test/resources/scripts");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".imap")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private void run(Path file) throws IOException {
        // each script gets its own account on the shared server; scripts say alice@example.org
        String user = "script" + (++scriptNumber) + "@example.org";
        Account account = server.newAccount(user);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(l -> l.replace("alice@example.org", user)
                        .replace("AGFsaWNlQGV4YW1wbGUub3JnAHdyb25n", b64("\0" + user + "\0wrong"))
                        .replace("YWxpY2VAZXhhbXBsZS5vcmc=", b64(user)))
                .toList();
        {
            Map<String, RawImapClient> sessions = new LinkedHashMap<>();
            RawImapClient current = open(server, sessions, "A");
            Pattern forbid = null;
            List<Pattern> unordered = new ArrayList<>();
            int n = 0;
            try {
                for (String raw : lines) {
                    n++;
                    if (raw.isBlank() || raw.startsWith("#")) {
                        continue;
                    }
                    if (!raw.startsWith("U: ") && !unordered.isEmpty()) {
                        matchUnordered(current, unordered);
                        unordered.clear();
                    }
                    String arg = raw.length() > 3 ? raw.substring(3) : "";
                    if (raw.startsWith("C: ")) {
                        current.send(arg);
                    } else if (raw.startsWith("S: ")) {
                        current.expect(arg);
                    } else if (raw.startsWith("S~ ")) {
                        skipUntil(current, Pattern.compile(arg), forbid);
                    } else if (raw.startsWith("U: ")) {
                        unordered.add(Pattern.compile(arg));
                    } else if (raw.startsWith("!session ")) {
                        current = open(server, sessions, raw.substring(9).trim());
                    } else if (raw.startsWith("!deliver ")) {
                        server.deliver(account, raw.substring(9).trim(), "Hello from the script test.");
                    } else if (raw.startsWith("!forbid")) {
                        String re = raw.substring(7).trim();
                        forbid = re.isEmpty() ? null : Pattern.compile(re);
                    } else if (raw.startsWith("!sleep ")) {
                        Thread.sleep(Long.parseLong(raw.substring(7).trim()));
                    } else if (raw.startsWith("!closed")) {
                        if (!current.isClosedByServer()) {
                            throw new AssertionError("expected the server to close the connection");
                        }
                    } else {
                        throw new IllegalArgumentException("bad script line: " + raw);
                    }
                }
                if (!unordered.isEmpty()) {
                    matchUnordered(current, unordered);
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(file.getFileName() + ":" + n + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sessions.values().forEach(RawImapClient::close);
            }
        }
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static RawImapClient open(ImapTestServer server, Map<String, RawImapClient> sessions, String name) {
        return sessions.computeIfAbsent(name, k -> {
            RawImapClient c = new RawImapClient(server.port());
            c.expect("\\* OK .*");
            return c;
        });
    }

    private static void skipUntil(RawImapClient c, Pattern p, Pattern forbid) {
        for (int i = 0; i < 100_000; i++) {
            String line = c.readLine();
            if (line == null) {
                throw new AssertionError("connection closed while waiting for /" + p + "/");
            }
            if (p.matcher(line).matches()) {
                return;
            }
            if (forbid != null && forbid.matcher(line).matches()) {
                throw new AssertionError("forbidden line: " + line);
            }
        }
        throw new AssertionError("no line matched /" + p + "/");
    }

    private static void matchUnordered(RawImapClient c, List<Pattern> patterns) {
        List<Pattern> left = new ArrayList<>(patterns);
        List<String> seen = new ArrayList<>();
        while (!left.isEmpty()) {
            String line = c.readLine();
            seen.add(line);
            if (line == null || !left.removeIf(p -> p.matcher(line).matches() && !seen.contains(null))) {
                throw new AssertionError("unordered block: unexpected line " + line + " (remaining " + left + ")");
            }
        }
    }
}
