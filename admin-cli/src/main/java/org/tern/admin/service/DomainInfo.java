package org.tern.admin.service;

import java.time.Instant;

/** A local domain and how many accounts and aliases use it. */
public record DomainInfo(String name, Instant created, long accounts, long aliases) {
}
