package org.tern.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.tern.store.Account;
import org.tern.store.Delivery;
import org.tern.store.DeliveryReceipt;
import org.tern.store.MailStore;
import org.tern.store.MailStoreConfig;
import org.tern.store.MailStores;
import org.tern.store.blob.IncomingMessage;

/**
 * Test helpers for every module: a real store (H2 + blobs) in a temporary folder with cheap Argon2, quick
 * domain/account creation and one-call delivery of a byte[] message.
 */
public final class TestMailStores {

    private TestMailStores() {
    }

    /** Opens (or reopens) a store in {@code dir} with cheap password hashing. Close it at the end of the test. */
    public static MailStore open(Path dir) {
        return open(dir, new SimpleMeterRegistry());
    }

    /** Like {@link #open(Path)}, with the store's meters in {@code registry}. */
    public static MailStore open(Path dir, io.micrometer.core.instrument.MeterRegistry registry) {
        return MailStores.open(MailStoreConfig.forTests(dir), registry);
    }

    /** Creates the account (and its domain if missing) with no quota. */
    public static Account account(MailStore store, String address, String password) {
        return account(store, address, password, Account.UNLIMITED);
    }

    public static Account account(MailStore store, String address, String password, long quotaBytes) {
        String domain = address.substring(address.lastIndexOf('@') + 1);
        if (!store.directory().isLocalDomain(domain)) {
            store.directory().addDomain(domain);
        }
        return store.directory().addAccount(address, password.toCharArray(), quotaBytes);
    }

    /** Streams bytes into a new incoming message (not yet delivered). */
    public static IncomingMessage incoming(MailStore store, byte[] message) {
        IncomingMessage in = store.messages().newMessage();
        try {
            in.write(message, 0, message.length);
            in.close();
        } catch (IOException e) {
            in.discard();
            throw new UncheckedIOException(e);
        }
        return in;
    }

    /** Delivers {@code message} into the INBOX of each account (durably, like SMTP would). */
    public static DeliveryReceipt deliver(MailStore store, byte[] message, Account... to) {
        List<Long> ids = java.util.Arrays.stream(to).map(Account::id).toList();
        return store.messages().deliver(new Delivery(incoming(store, message), "sender@example.net", ids, List.of(),
                Delivery.DsnRequest.NONE));
    }

    /** A small valid RFC 5322 message with the given subject and body text. */
    public static byte[] message(String subject, String body) {
        String m = "From: Sender <sender@example.net>\r\n"
                + "To: rcpt@example.org\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + Math.abs(subject.hashCode()) + "." + System.nanoTime() + "@example.net>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + body + "\r\n";
        return m.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
