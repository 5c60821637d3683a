package org.tern.store.jdbc;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.tern.store.Flags;
import org.tern.store.InvalidNameException;

/** Flags in two columns: a bit mask of {@link Flags.SystemFlag} ordinals and a space-separated keyword list. */
final class FlagCodec {

    /** Bit of \Seen (ordinal 0) and \Deleted (ordinal 3), also used in SQL via MOD. */
    static final int SEEN_BIT = 1;
    static final int DELETED_BIT = 1 << Flags.SystemFlag.DELETED.ordinal();
    private static final int MAX_KEYWORDS_CHARS = 4000;

    private FlagCodec() {
    }

    static int mask(Flags flags) {
        int m = 0;
        for (Flags.SystemFlag f : flags.system()) {
            m |= 1 << f.ordinal();
        }
        return m;
    }

    static String keywords(Flags flags) {
        if (flags.keywords().isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String k : flags.keywords()) {
            checkKeyword(k);
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(k);
        }
        if (sb.length() > MAX_KEYWORDS_CHARS) {
            throw new InvalidNameException("too many keywords on one message");
        }
        return sb.toString();
    }

    /** An IMAP atom: no space, control, list or quoted specials (RFC 3501 §9 flag-keyword). */
    static void checkKeyword(String k) {
        if (k.isEmpty() || k.length() > 200) {
            throw new InvalidNameException("invalid keyword length");
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                throw new InvalidNameException("invalid character in keyword: " + k);
            }
        }
    }

    /** Flags are immutable: rows share one instance per system-flag mask (keyword-less rows are the norm). */
    private static final Flags[] BY_MASK = new Flags[1 << Flags.SystemFlag.values().length];
    private static final int MAX_CACHED_KEYWORD_SETS = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<String, Flags> WITH_KEYWORDS =
            new java.util.concurrent.ConcurrentHashMap<>();

    static {
        for (int m = 0; m < BY_MASK.length; m++) {
            BY_MASK[m] = build(m, null);
        }
    }

    static Flags decode(int mask, String keywords) {
        if (keywords == null || keywords.isEmpty()) {
            return mask >= 0 && mask < BY_MASK.length ? BY_MASK[mask] : build(mask, null);
        }
        String key = mask + " " + keywords;
        Flags f = WITH_KEYWORDS.get(key);
        if (f == null) {
            f = build(mask, keywords);
            if (WITH_KEYWORDS.size() >= MAX_CACHED_KEYWORD_SETS) {
                WITH_KEYWORDS.clear();
            }
            WITH_KEYWORDS.put(key, f);
        }
        return f;
    }

    private static Flags build(int mask, String keywords) {
        Set<Flags.SystemFlag> system = EnumSet.noneOf(Flags.SystemFlag.class);
        for (Flags.SystemFlag f : Flags.SystemFlag.values()) {
            if ((mask & (1 << f.ordinal())) != 0) {
                system.add(f);
            }
        }
        if (keywords == null || keywords.isEmpty()) {
            return system.isEmpty() ? Flags.NONE : Flags.of(system, List.of());
        }
        return Flags.of(system, List.of(keywords.split(" ")));
    }
}
