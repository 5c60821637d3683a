package org.tern.smtp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversations kept as data in {@code src/test/resources/scripts/*.smtp}, played against port 25.
 * {@code C: line} sends a line; {@code P: line} queues it for the next {@code C:} (one write, pipelining);
 * {@code S: regex} reads one whole reply and matches its last line; {@code #} starts a comment.
 */
class SmtpScriptTest {

    @TempDir
    static Path dir;
    static SmtpTestServer server;

    @BeforeAll
    static void start() {
        server = SmtpTestServer.start(dir);
        server.store.directory().addAlias("postmaster@example.org", List.of(SmtpTestServer.ALICE));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<String> scripts() {
        return Stream.of("mx-delivery.smtp", "sequence-and-syntax.smtp", "pipelined-transactions.smtp");
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void plays(String script) throws Exception {
        List<String> lines;
        try (InputStream in = SmtpScriptTest.class.getResourceAsStream("/scripts/" + script)) {
            assertThat(in).as(script).isNotNull();
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        try (RawSmtpClient c = RawSmtpClient.connect(server.port("smtp"))) {
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = script + ":" + (i + 1) + " " + line;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String text = line.length() > 3 ? line.substring(3) : "";
                switch (line.substring(0, Math.min(2, line.length()))) {
                    case "P:" -> pending.writeBytes((text + "\r\n").getBytes(StandardCharsets.UTF_8));
                    case "C:" -> {
                        pending.writeBytes((text + "\r\n").getBytes(StandardCharsets.UTF_8));
                        c.sendBytes(pending.toByteArray());
                        pending.reset();
                    }
                    case "S:" -> {
                        RawSmtpClient.Reply reply = c.reply();
                        assertThat(reply).as(where).isNotNull();
                        assertThat(reply.last()).as(where).matches(text);
                    }
                    default -> throw new IOException("bad script line " + where);
                }
            }
        }
    }
}
