package org.tern.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tern.store.Account;
import org.tern.store.MailStore;
import org.tern.store.Mailbox;
import org.tern.store.MessageMeta;
import org.tern.store.UidSet;
import org.tern.store.testing.TestMailStores;

/** kill -9 while delivering: every acknowledged delivery survives exactly once, with its exact bytes. */
class CrashTest {

    private static final Pattern ID = Pattern.compile("Subject: crash (\\d+)\r\n");

    @TempDir
    Path dir;

    @Test
    void acknowledgedDeliveriesSurviveSigkill() throws Exception {
        Path data = dir.resolve("data");
        Path side = dir.resolve("acked.txt");
        Files.createFile(side);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashDeliverer.class.getName(), data.toString(), side.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.readAllLines(side).size() < 10 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(50);
            }
            // a second process cannot open the store while the child has it open, and must not disturb it
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestMailStores.open(data))
                    .isInstanceOf(org.tern.store.StoreUnavailableException.class);
            Thread.sleep(2000);
        } finally {
            child.destroyForcibly(); // SIGKILL on Unix
            child.waitFor(30, TimeUnit.SECONDS);
        }
        List<String> acked = Files.readAllLines(side).stream().filter(s -> !s.isBlank()).toList();
        assertThat(acked).as("child log: " + Files.readString(dir.resolve("child.log"))).hasSizeGreaterThan(5);

        try (MailStore store = TestMailStores.open(data)) {
            for (String address : List.of("a@example.org", "b@example.org")) {
                Account acc = store.directory().account(address).orElseThrow();
                Mailbox inbox = store.mailboxes().find(acc.id(), "INBOX").orElseThrow();
                Map<Long, Integer> seen = new HashMap<>();
                for (MessageMeta m : store.messages().list(inbox.id(), UidSet.ALL)) {
                    byte[] bytes;
                    try (InputStream in = store.blobs().open(m.blobId())) {
                        bytes = in.readAllBytes();
                    }
                    assertThat((long) bytes.length).isEqualTo(m.size());
                    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                            .isEqualTo(m.blobId());
                    Matcher matcher = ID.matcher(new String(bytes, StandardCharsets.US_ASCII));
                    assertThat(matcher.find()).isTrue();
                    long id = Long.parseLong(matcher.group(1));
                    assertThat(bytes).isEqualTo(CrashDeliverer.body(id));
                    seen.merge(id, 1, Integer::sum);
                }
                for (String line : acked) {
                    long id = Long.parseLong(line.trim());
                    assertThat(seen.get(id)).as(address + " acknowledged id " + id).isEqualTo(1);
                }
                assertThat(seen.values()).allMatch(n -> n == 1);
                assertThat(store.directory().quotaUsage(acc.id()).messages()).isEqualTo(seen.size());
            }
            assertThat(Files.list(data.resolve("tmp")).count()).isZero();
        }
    }
}
