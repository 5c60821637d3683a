package org.tern.imap.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tern.imap.decode.DecodingException;
import org.tern.imap.decode.SequenceSet;
import org.tern.store.UidSet;

/**
 * The session's sequence-number-to-UID map: UIDs ascending in a compact array of unsigned 32-bit ints
 * (IMAP UIDs are 32-bit), 4 bytes per message.
 */
public final class UidMap {

    private int[] uids;
    private int size;

    public UidMap(long[] initial) {
        this.uids = new int[Math.max(16, initial.length)];
        for (long u : initial) {
            uids[size++] = (int) u;
        }
    }

    public int size() {
        return size;
    }

    /** UID at a 1-based sequence number. */
    public long uidAt(int seq) {
        return Integer.toUnsignedLong(uids[seq - 1]);
    }

    /** 1-based sequence number of a UID, or 0 if it is not in the map. */
    public int seqOf(long uid) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = Integer.toUnsignedLong(uids[mid]);
            if (v < uid) {
                lo = mid + 1;
            } else if (v > uid) {
                hi = mid - 1;
            } else {
                return mid + 1;
            }
        }
        return 0;
    }

    public boolean contains(long uid) {
        return seqOf(uid) > 0;
    }

    public long maxUid() {
        return size == 0 ? 0 : uidAt(size);
    }

    /** Appends a UID larger than every UID in the map. */
    public void append(long uid) {
        if (uid <= maxUid()) {
            throw new IllegalArgumentException("UID " + uid + " not above " + maxUid());
        }
        if (size == uids.length) {
            uids = Arrays.copyOf(uids, size + (size >> 1) + 16);
        }
        uids[size++] = (int) uid;
    }

    /**
     * Removes the given UIDs (ascending) in one pass and returns the sequence numbers to report, in order,
     * each valid at the moment its EXPUNGE is read (RFC 3501 §7.4.1: later numbers shift down).
     */
    public List<Long> removeAll(List<Long> ascendingUids) {
        List<Long> reported = new ArrayList<>();
        int write = 0;
        int next = 0;
        for (int read = 0; read < size; read++) {
            long uid = Integer.toUnsignedLong(uids[read]);
            while (next < ascendingUids.size() && ascendingUids.get(next) < uid) {
                next++;
            }
            if (next < ascendingUids.size() && ascendingUids.get(next) == uid) {
                reported.add((long) (read + 1 - reported.size()));
                next++;
            } else {
                uids[write++] = uids[read];
            }
        }
        size = write;
        return reported;
    }

    /**
     * Resolves message sequence numbers to UIDs. An explicit number beyond the mailbox is an error (BAD);
     * ranges ending in {@code *} are clamped, so {@code 1:*} on an empty mailbox is simply empty.
     */
    public UidSet resolveSequences(SequenceSet set) {
        List<UidSet.Range> ranges = new ArrayList<>();
        for (SequenceSet.Range r : set.ranges()) {
            boolean star = r.from() == SequenceSet.STAR || r.to() == SequenceSet.STAR;
            long explicit = Math.max(r.from(), r.to());
            if (!star && explicit > size) {
                throw new DecodingException("Invalid message sequence number: " + explicit);
            }
            if (size == 0) {
                continue;
            }
            long lo = Math.min(r.low(size), size);
            long hi = Math.min(r.high(size), size);
            ranges.add(new UidSet.Range(uidAt((int) lo), uidAt((int) hi)));
        }
        return UidSet.ofRanges(ranges);
    }

    /** Resolves a UID set; {@code *} is the largest UID in the map (RFC 3501 §6.4.8). */
    public UidSet resolveUids(SequenceSet set) {
        long star = maxUid();
        List<UidSet.Range> ranges = new ArrayList<>();
        for (SequenceSet.Range r : set.ranges()) {
            long lo = r.low(star);
            long hi = r.high(star);
            if (hi < 1) {
                continue;
            }
            ranges.add(new UidSet.Range(Math.max(1, lo), hi));
        }
        return UidSet.ofRanges(ranges);
    }
}
