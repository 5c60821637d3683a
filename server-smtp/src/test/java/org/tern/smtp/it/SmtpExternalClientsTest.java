package org.tern.smtp.it;

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
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients we did not write, run as separate processes against the live listeners: python3's smtplib
 * (port 25, and 587 with STARTTLS + AUTH) and curl's smtp:// (port 25). Skipped when the tool is missing.
 */
class SmtpExternalClientsTest {

    @TempDir
    static Path dir;
    static SmtpTestServer server;

    @BeforeAll
    static void start() {
        server = SmtpTestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pythonSmtplibOnPort25AndSubmission() throws Exception {
        assumeTrue(onPath("python3"), "python3 not installed: smtplib test skipped");
        String script = String.join("\n",
                "import smtplib, ssl, sys",
                "from email.message import EmailMessage",
                "mx, sub, user, pw = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]",
                "m = EmailMessage()",
                "m['From'] = 'py@remote.example'",
                "m['To'] = 'bob@example.org'",
                "m['Subject'] = 'from smtplib'",
                "m.set_content('hello from python\\n.leading dot\\n')",
                "with smtplib.SMTP('127.0.0.1', mx, local_hostname='py.example', timeout=30) as s:",
                "    s.ehlo()",
                "    assert s.has_extn('pipelining') and s.has_extn('8bitmime') and s.has_extn('chunking')",
                "    assert not s.has_extn('auth')",
                "    s.send_message(m, from_addr='py@remote.example', to_addrs=['bob@example.org', 'alice@example.org'])",
                "ctx = ssl.create_default_context()",
                "ctx.check_hostname = False",
                "ctx.verify_mode = ssl.CERT_NONE",
                "m.replace_header('From', user)",
                "m.replace_header('Subject', 'from smtplib via 587')",
                "with smtplib.SMTP('127.0.0.1', sub, local_hostname='py.example', timeout=30) as s:",
                "    s.starttls(context=ctx)",
                "    s.login(user, pw)",
                "    refused = s.send_message(m, to_addrs=['bob@example.org', 'far@remote.example'])",
                "    assert not refused, refused",
                "print('ok')");
        int bob = server.inboxCount(SmtpTestServer.BOB);
        int alice = server.inboxCount(SmtpTestServer.ALICE);
        int queued = server.store.queue().list().size();
        Run r = run(List.of("python3", "-c", script, String.valueOf(server.port("smtp")),
                String.valueOf(server.port("submission")), SmtpTestServer.ALICE, SmtpTestServer.PASSWORD), null);
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("ok");
        assertThat(server.inboxCount(SmtpTestServer.BOB)).isEqualTo(bob + 2);
        assertThat(server.inboxCount(SmtpTestServer.ALICE)).isEqualTo(alice + 1);
        assertThat(server.store.queue().list()).hasSize(queued + 1);
        String viaMx = new String(server.inbox(SmtpTestServer.BOB).get(bob), StandardCharsets.UTF_8);
        assertThat(viaMx).startsWith("Return-Path: <py@remote.example>\r\nReceived: from py.example ([127.0.0.1])")
                .contains("Subject: from smtplib\r\n").contains("\r\n.leading dot\r\n");
        String viaSubmission = new String(server.inbox(SmtpTestServer.BOB).get(bob + 1), StandardCharsets.UTF_8);
        assertThat(viaSubmission).contains("with ESMTPSA id").contains("Subject: from smtplib via 587");
    }

    @Test
    void curlSmtpOnPort25() throws Exception {
        assumeTrue(onPath("curl"), "curl not installed: curl smtp:// test skipped");
        Path mail = dir.resolve("curl-mail.txt");
        Files.writeString(mail, "From: curl@remote.example\r\nTo: alice@example.org\r\nSubject: from curl\r\n\r\n"
                + "hello from curl\r\n.dot line\r\n", StandardCharsets.UTF_8);
        int alice = server.inboxCount(SmtpTestServer.ALICE);
        Run r = run(List.of("curl", "-sS", "--max-time", "30", "smtp://127.0.0.1:" + server.port("smtp") + "/curl.example",
                "--mail-from", "curl@remote.example", "--mail-rcpt", "alice@example.org", "--upload-file", mail.toString()),
                null);
        assertThat(r.exit).as(r.output).isZero();
        assertThat(server.inboxCount(SmtpTestServer.ALICE)).isEqualTo(alice + 1);
        String stored = new String(server.inbox(SmtpTestServer.ALICE).get(alice), StandardCharsets.UTF_8);
        assertThat(stored).startsWith("Return-Path: <curl@remote.example>\r\nReceived: from curl.example ")
                .endsWith("Subject: from curl\r\n\r\nhello from curl\r\n.dot line\r\n");
        // curl refused by the relay check: exit code, and nothing queued.
        Run relay = run(List.of("curl", "-sS", "--max-time", "30", "smtp://127.0.0.1:" + server.port("smtp"),
                "--mail-from", "curl@remote.example", "--mail-rcpt", "someone@elsewhere.example",
                "--upload-file", mail.toString()), null);
        assertThat(relay.exit).isNotZero();
        assertThat(relay.output).contains("554");
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, "timed out: " + new String(out, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
