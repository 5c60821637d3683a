package org.tern.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** An immutable set of UIDs as sorted, non-overlapping, non-adjacent closed ranges. */
public final class UidSet {

    /** A closed range {@code [from, to]}. */
    public record Range(long from, long to) {
        public Range {
            if (from < 1 || to < from) {
                throw new IllegalArgumentException("bad UID range " + from + ":" + to);
            }
        }
    }

    /** Every UID. */
    public static final UidSet ALL = new UidSet(List.of(new Range(1, Long.MAX_VALUE)));
    public static final UidSet EMPTY = new UidSet(List.of());

    private final List<Range> ranges;

    private UidSet(List<Range> normalized) {
        this.ranges = Collections.unmodifiableList(normalized);
    }

    public static UidSet of(long... uids) {
        List<Range> r = new ArrayList<>();
        for (long u : uids) {
            r.add(new Range(u, u));
        }
        return ofRanges(r);
    }

    public static UidSet of(Collection<Long> uids) {
        List<Range> r = new ArrayList<>();
        for (long u : uids) {
            r.add(new Range(u, u));
        }
        return ofRanges(r);
    }

    public static UidSet range(long from, long to) {
        return ofRanges(List.of(new Range(Math.min(from, to), Math.max(from, to))));
    }

    /** Normalizes any list of ranges (sorts and merges overlapping or adjacent ones). */
    public static UidSet ofRanges(Collection<Range> input) {
        List<Range> sorted = new ArrayList<>(input);
        sorted.sort((a, b) -> Long.compare(a.from(), b.from()));
        List<Range> out = new ArrayList<>();
        for (Range r : sorted) {
            if (!out.isEmpty()) {
                Range last = out.get(out.size() - 1);
                if (r.from() <= last.to() + 1 || last.to() == Long.MAX_VALUE) {
                    out.set(out.size() - 1, new Range(last.from(), Math.max(last.to(), r.to())));
                    continue;
                }
            }
            out.add(r);
        }
        return new UidSet(out);
    }

    public List<Range> ranges() {
        return ranges;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(long uid) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Range r = ranges.get(mid);
            if (uid < r.from()) {
                hi = mid - 1;
            } else if (uid > r.to()) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** IMAP sequence-set syntax, e.g. {@code 1:3,7,9:*} ({@code *} for an open end). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r.from());
            if (r.to() != r.from()) {
                sb.append(':').append(r.to() == Long.MAX_VALUE ? "*" : Long.toString(r.to()));
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UidSet other && ranges.equals(other.ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }
}
