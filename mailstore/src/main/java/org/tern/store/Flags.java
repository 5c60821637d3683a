package org.tern.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A message's system flags and keywords. Immutable. System flags are matched case-insensitively;
 * keywords keep the spelling first seen and are compared case-insensitively.
 */
public final class Flags {

    /** The RFC 3501 system flags that are stored (\Recent is per session, not stored). */
    public enum SystemFlag {
        SEEN("\\Seen"), ANSWERED("\\Answered"), FLAGGED("\\Flagged"), DELETED("\\Deleted"), DRAFT("\\Draft");

        private final String imapName;

        SystemFlag(String imapName) {
            this.imapName = imapName;
        }

        public String imapName() {
            return imapName;
        }

        /** The flag for an IMAP name like {@code \seen}, or null if it is not a stored system flag. */
        public static SystemFlag fromImapName(String name) {
            for (SystemFlag f : values()) {
                if (f.imapName.equalsIgnoreCase(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    public static final Flags NONE = new Flags(EnumSet.noneOf(SystemFlag.class), Set.of());

    private final Set<SystemFlag> system;
    private final Set<String> keywords;

    private Flags(Set<SystemFlag> system, Collection<String> keywords) {
        this.system = Collections.unmodifiableSet(system.isEmpty() ? EnumSet.noneOf(SystemFlag.class) : EnumSet.copyOf(system));
        TreeSet<String> kw = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        kw.addAll(keywords);
        this.keywords = Collections.unmodifiableSet(kw);
    }

    public static Flags of(Set<SystemFlag> system, Collection<String> keywords) {
        return new Flags(system, keywords);
    }

    public static Flags of(SystemFlag... flags) {
        EnumSet<SystemFlag> s = EnumSet.noneOf(SystemFlag.class);
        Collections.addAll(s, flags);
        return new Flags(s, Set.of());
    }

    /** Parses IMAP flag names: system flags by name, anything else not starting with '\' is a keyword. */
    public static Flags parse(Collection<String> names) {
        EnumSet<SystemFlag> s = EnumSet.noneOf(SystemFlag.class);
        List<String> kw = new ArrayList<>();
        for (String n : names) {
            SystemFlag f = SystemFlag.fromImapName(n);
            if (f != null) {
                s.add(f);
            } else if (!n.startsWith("\\")) {
                kw.add(n);
            }
        }
        return new Flags(s, kw);
    }

    public Set<SystemFlag> system() {
        return system;
    }

    public Set<String> keywords() {
        return keywords;
    }

    public boolean contains(SystemFlag flag) {
        return system.contains(flag);
    }

    public boolean containsKeyword(String keyword) {
        return keywords.contains(keyword);
    }

    public boolean isEmpty() {
        return system.isEmpty() && keywords.isEmpty();
    }

    public Flags union(Flags other) {
        EnumSet<SystemFlag> s = EnumSet.noneOf(SystemFlag.class);
        s.addAll(system);
        s.addAll(other.system);
        List<String> kw = new ArrayList<>(keywords);
        kw.addAll(other.keywords);
        return new Flags(s, kw);
    }

    public Flags minus(Flags other) {
        EnumSet<SystemFlag> s = EnumSet.noneOf(SystemFlag.class);
        s.addAll(system);
        s.removeAll(other.system);
        TreeSet<String> kw = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        kw.addAll(keywords);
        kw.removeAll(other.keywords);
        return new Flags(s, kw);
    }

    public Flags with(SystemFlag flag) {
        return union(of(flag));
    }

    /** IMAP names, system flags first: {@code \Seen \Flagged $Junk}. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (SystemFlag f : system) {
            out.add(f.imapName());
        }
        out.addAll(keywords);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Flags other)) {
            return false;
        }
        return system.equals(other.system) && lower(keywords).equals(lower(other.keywords));
    }

    @Override
    public int hashCode() {
        return system.hashCode() * 31 + lower(keywords).hashCode();
    }

    private static Set<String> lower(Set<String> s) {
        TreeSet<String> out = new TreeSet<>();
        for (String k : s) {
            out.add(k.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join(" ", names());
    }
}
