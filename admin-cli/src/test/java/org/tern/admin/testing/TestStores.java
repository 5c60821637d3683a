package org.tern.admin.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.tern.store.Delivery;
import org.tern.store.MailStore;
import org.tern.store.testing.TestMailStores;

/** The real store (H2 + blobs, cheap hashing) for the admin tests, and a way to fill its outbound queue. */
public final class TestStores {

    private TestStores() {
    }

    public static MailStore open(Path dataDir) {
        return TestMailStores.open(dataDir);
    }

    /** Puts a message for remote recipients on the outbound queue, as SMTP submission would; returns its id. */
    public static long enqueue(MailStore store, String from, List<String> remoteRecipients) {
        byte[] message = ("From: " + (from.isEmpty() ? "MAILER-DAEMON@example.org" : from) + "\r\n"
                + "To: " + String.join(", ", remoteRecipients) + "\r\n"
                + "Subject: queued\r\n"
                + "Message-ID: <q" + System.nanoTime() + "@example.org>\r\n"
                + "\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII);
        List<Delivery.RemoteRecipient> remote = remoteRecipients.stream()
                .map(r -> new Delivery.RemoteRecipient(r, null, null)).toList();
        return store.messages().deliver(new Delivery(TestMailStores.incoming(store, message), from, List.of(), remote,
                Delivery.DsnRequest.NONE)).queueEntryId();
    }
}
