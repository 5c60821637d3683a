package org.tern.admin.testing;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.tern.store.Delivery;
import org.tern.store.MailStore;
import org.tern.store.MailStoreConfig;
import org.tern.store.MailStores;
import org.tern.store.blob.IncomingMessage;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Opens stores for the admin tests: the real H2 store (cheap hashing) when the mailstore module implements
 * {@link MailStores#open}; until then the {@link InMemoryMailStore} stand-in, one per data folder.
 */
public final class TestStores {

    private static final Map<Path, InMemoryMailStore> STAND_INS = new ConcurrentHashMap<>();
    private static volatile Boolean realStore;

    private TestStores() {
    }

    public static boolean realStoreAvailable() {
        return realStore != null && realStore;
    }

    /** Opens the store of {@code dataDir}; with the stand-in, every open of one folder returns the same instance. */
    public static MailStore open(Path dataDir) {
        if (realStore == null || realStore) {
            try {
                MailStore store = MailStores.open(MailStoreConfig.forTests(dataDir), new SimpleMeterRegistry());
                realStore = true;
                return store;
            } catch (UnsupportedOperationException notYetImplemented) {
                realStore = false;
            }
        }
        return STAND_INS.computeIfAbsent(dataDir.toAbsolutePath().normalize(), d -> new InMemoryMailStore());
    }

    /** Puts a message for remote recipients on the outbound queue; returns the queue entry id. */
    public static long enqueue(MailStore store, String from, List<String> remoteRecipients) throws Exception {
        if (store instanceof InMemoryMailStore fake) {
            return fake.enqueue(from, remoteRecipients);
        }
        IncomingMessage message = store.messages().newMessage();
        try (OutputStream out = message) {
            out.write(("From: " + from + "\r\nTo: " + String.join(", ", remoteRecipients)
                    + "\r\nSubject: queued\r\nMessage-ID: <q" + System.nanoTime() + "@test>\r\n\r\nhello\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        List<Delivery.RemoteRecipient> remote = remoteRecipients.stream()
                .map(r -> new Delivery.RemoteRecipient(r, null, null)).toList();
        return store.messages().deliver(new Delivery(message, from, List.of(), remote, Delivery.DsnRequest.NONE))
                .queueEntryId();
    }
}
