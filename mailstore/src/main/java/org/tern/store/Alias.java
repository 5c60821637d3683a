package org.tern.store;

import java.util.List;

/** An alias source ({@code a@d} or catch-all {@code @d}) and the addresses it forwards to. */
public record Alias(String source, List<String> targets) {

    public boolean isCatchAll() {
        return source.startsWith("@");
    }
}
