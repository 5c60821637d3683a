package org.tern.admin.service;

/** A remote recipient of a queued message: PENDING, DELIVERED or FAILED, with the last server reply (may be empty). */
public record QueueRecipientInfo(String address, String status, String lastResponse) {
}
