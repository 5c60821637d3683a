package org.tern.pop3.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.testing.TestMailStores;

/**
 * Runs the conversations in {@code src/test/resources/scripts/*.pop3} against the live server. Format, one
 * directive per line:
 * <pre>
 * # comment                    messages: N   (in a comment: deliver N messages "Message i" first)
 * C: line                      send a line ($USER, $PASS, $B64USER, $B64PASS and $PLAIN, the SASL PLAIN
 *                              initial response, are replaced)
 * P: line                      queue a line; queued lines go out in one write with the next C: or S:
 * S: regex                     read one line; it must match the whole regex
 * S~ regex                     skip lines until one matches (e.g. inside CAPA or a message)
 * @session name                switch to (and if new, connect to) session "name"; "main" is the first
 * @closed                      the server must close the current session now
 * @close                       close the current session from the client side
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pop3ScriptTest {

    @TempDir
    static Path dir;
    private Pop3TestServer server;
    private int scripts;

    @BeforeAll
    void start() {
        server = Pop3TestServer.start(dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException, URISyntaxException {
        URL folder = getClass().getClassLoader().getResource("scripts");
        assertThat(folder).isNotNull();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(folder.toURI()))) {
            files = s.filter(p -> p.toString().endsWith(".pop3")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private void run(Path script) throws Exception {
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        String user = "script" + (++scripts) + "@example.org";
        String pass = "script pw";
        Account account = server.account(user, pass);
        for (String l : lines) {
            if (l.startsWith("#") && l.contains("messages:")) {
                int n = Integer.parseInt(l.substring(l.indexOf("messages:") + 9).trim());
                for (int i = 1; i <= n; i++) {
                    server.deliver(account, TestMailStores.message("Message " + i, "Body of message " + i));
                }
            }
        }
        Map<String, RawPop3Client> sessions = new LinkedHashMap<>();
        RawPop3Client current = new RawPop3Client(server.pop3Address());
        sessions.put("main", current);
        List<String> queued = new ArrayList<>();
        int n = 0;
        try {
            for (String raw : lines) {
                n++;
                String where = script.getFileName() + ":" + n + " " + raw;
                if (raw.isBlank() || raw.startsWith("#")) {
                    continue;
                }
                String arg = raw.length() > 3 ? substitute(raw.substring(3), user, pass) : "";
                if (raw.startsWith("P: ")) {
                    queued.add(arg);
                } else if (raw.startsWith("C: ")) {
                    queued.add(arg);
                    flush(current, queued);
                } else if (raw.startsWith("S: ")) {
                    flush(current, queued);
                    String got = current.readLine();
                    assertThat(got).as(where).isNotNull().matches(arg);
                } else if (raw.startsWith("S~ ")) {
                    flush(current, queued);
                    String got;
                    do {
                        got = current.readLine();
                        assertThat(got).as(where + " (end of stream while skipping)").isNotNull();
                    } while (!got.matches(arg));
                } else if (raw.startsWith("@session ")) {
                    flush(current, queued);
                    String name = raw.substring(9).trim();
                    RawPop3Client s = sessions.get(name);
                    if (s == null) {
                        s = new RawPop3Client(server.pop3Address());
                        sessions.put(name, s);
                    }
                    current = s;
                } else if (raw.equals("@closed")) {
                    flush(current, queued);
                    assertThat(current.isClosedByServer()).as(where).isTrue();
                } else if (raw.equals("@close")) {
                    flush(current, queued);
                    current.close();
                } else {
                    throw new IllegalArgumentException("bad script line " + where);
                }
            }
        } finally {
            for (RawPop3Client c : sessions.values()) {
                c.close();
            }
        }
    }

    private static String substitute(String s, String user, String pass) {
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return s.replace("$PLAIN", b64.encodeToString(("\0" + user + "\0" + pass).getBytes(StandardCharsets.UTF_8)))
                .replace("$B64USER", b64.encodeToString(user.getBytes(StandardCharsets.UTF_8)))
                .replace("$B64PASS", b64.encodeToString(pass.getBytes(StandardCharsets.UTF_8)))
                .replace("$USER", user)
                .replace("$PASS", pass);
    }

    private static void flush(RawPop3Client c, List<String> queued) throws IOException {
        if (queued.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (String q : queued) {
            sb.append(q).append("\r\n");
        }
        queued.clear();
        c.sendRaw(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
