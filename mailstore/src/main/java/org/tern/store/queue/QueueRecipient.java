package org.tern.store.queue;

/** A remote recipient and where its delivery stands. */
public record QueueRecipient(String address, Status status, String dsnNotify, String orcpt, String lastResponse) {

    public enum Status { PENDING, DELIVERED, FAILED }
}
