package org.tern.imap.decode;

import java.time.LocalDate;
import java.util.List;

import org.tern.store.Flags;

/** The SEARCH criteria as a tree (RFC 3501 §6.4.4). */
public sealed interface SearchKey {

    record All() implements SearchKey {
    }

    record And(List<SearchKey> keys) implements SearchKey {
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
    }

    record Not(SearchKey key) implements SearchKey {
    }

    /** A system flag set ({@code present}) or not set. */
    record Flag(Flags.SystemFlag flag, boolean present) implements SearchKey {
    }

    record Keyword(String keyword, boolean present) implements SearchKey {
    }

    /** \Recent in this session. */
    record Recent() implements SearchKey {
    }

    record New() implements SearchKey {
    }

    record Old() implements SearchKey {
    }

    record Sequence(SequenceSet set) implements SearchKey {
    }

    record Uid(SequenceSet set) implements SearchKey {
    }

    record Larger(long size) implements SearchKey {
    }

    record Smaller(long size) implements SearchKey {
    }

    /** BEFORE/ON/SINCE on the internal date, or SENTBEFORE/SENTON/SENTSINCE on the Date header. */
    record DateKey(boolean sent, Comparison comparison, LocalDate date) implements SearchKey {
    }

    enum Comparison { BEFORE, ON, SINCE }

    /** HEADER field value, and FROM/TO/CC/BCC/SUBJECT; empty value matches any message with the field. */
    record Header(String field, String value) implements SearchKey {
    }

    /** BODY (body only) or TEXT (header and body). */
    record Text(boolean includeHeader, String value) implements SearchKey {
    }
}
