package org.tern.admin.service;

import java.util.List;

/** An alias ({@code a@d}, or catch-all {@code @d}) and its targets. */
public record AliasInfo(String source, List<String> targets) {

    public AliasInfo {
        targets = List.copyOf(targets);
    }
}
