package org.tern.store;

import org.tern.store.blob.BlobStore;
import org.tern.store.event.EventBus;
import org.tern.store.queue.OutboundQueue;

/**
 * The transactional mailstore: the one source of truth every protocol reads and writes.
 * Every operation that changes observable state is one transaction, published as one event after commit.
 */
public interface MailStore extends AutoCloseable {

    /** Domains, accounts, passwords and aliases. */
    Directory directory();

    /** Per-account folders. */
    Mailboxes mailboxes();

    /** Messages inside mailboxes: delivery, append, flags, copy, move, expunge. */
    Messages messages();

    /** Outbound messages waiting for remote delivery. */
    OutboundQueue queue();

    /** Change events, published after each commit. */
    EventBus events();

    /** Immutable, content-addressed message bodies. */
    BlobStore blobs();

    /** True while the database answers. */
    boolean isHealthy();

    /** Waits for in-flight transactions and closes the database. */
    @Override
    void close();
}
