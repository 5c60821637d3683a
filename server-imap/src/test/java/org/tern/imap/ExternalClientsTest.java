package org.tern.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tern.imap.testing.ImapTestServer;

/** curl (imap:// URLs) and python3 imaplib driven against a live server; skipped when the binary is absent. */
class ExternalClientsTest {

    private static ImapTestServer server;

    @BeforeAll
    static void start() {
        server = new ImapTestServer();
        server.deliver("Hello curl", "first body");
        server.deliver("Second one", "second body");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        System.out.println("SKIPPED: " + binary + " is not installed");
        return false;
    }

    private record Result(int exit, String out) {
    }

    private static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static List<String> curl(String path, String... extra) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "--user",
                ImapTestServer.USER + ":" + ImapTestServer.PASSWORD));
        cmd.addAll(List.of(extra));
        cmd.add("imap://127.0.0.1:" + server.port() + path);
        return cmd;
    }

    @Test
    void curlListsFetchesAndAppends() throws Exception {
        assumeTrue(onPath("curl"), "curl not installed");
        Result list = run(curl("/"), null);
        assertThat(list.exit()).as(list.out()).isZero();
        assertThat(list.out()).contains("INBOX").contains("Sent");

        Result fetch = run(curl("/INBOX;UID=1"), null);
        assertThat(fetch.exit()).as(fetch.out()).isZero();
        assertThat(fetch.out()).contains("Subject: Hello curl").contains("first body");

        Path msg = Files.createTempFile("curl-append", ".eml");
        Files.writeString(msg, "From: curl@example.net\r\nSubject: Appended by curl\r\n\r\nhi\r\n");
        Result append = run(curl("/Archive", "-T", msg.toString()), null);
        Files.deleteIfExists(msg);
        assertThat(append.exit()).as(append.out()).isZero();
        Result search = run(curl("/Archive", "-X", "SEARCH SUBJECT curl"), null);
        assertThat(search.out()).contains("* SEARCH 1");
    }

    @Test
    void pythonImaplibSelectsFetchesStoresAndSearches() throws Exception {
        assumeTrue(onPath("python3"), "python3 not installed");
        String script = """
                import imaplib, sys
                m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))
                m.login(sys.argv[2], sys.argv[3])
                typ, data = m.select('INBOX')
                print('SELECT', typ, data[0].decode())
                typ, data = m.fetch('1', '(BODY.PEEK[HEADER.FIELDS (SUBJECT)] FLAGS)')
                print('FETCH', typ, data[0][1].decode().strip())
                typ, data = m.store('2', '+FLAGS', '(\\\\Flagged)')
                print('STORE', typ, data[0].decode())
                typ, data = m.search(None, 'FLAGGED')
                print('SEARCH', typ, data[0].decode())
                typ, data = m.uid('SEARCH', None, 'SUBJECT', '"Hello curl"')
                print('UIDSEARCH', typ, data[0].decode())
                m.logout()
                """;
        Result r = run(List.of("python3", "-c", script, String.valueOf(server.port()), ImapTestServer.USER,
                ImapTestServer.PASSWORD), null);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("SELECT OK 2").contains("FETCH OK Subject: Hello curl")
                .contains("STORE OK 2 (FLAGS (\\Flagged").contains("SEARCH OK 2").contains("UIDSEARCH OK 1");
    }
}
