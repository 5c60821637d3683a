package org.tern.imap.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.tern.imap.encode.ImapResponse;
import org.tern.store.MessageMeta;
import org.tern.store.Messages;
import org.tern.store.UidSet;
import org.tern.store.event.StoreEvent;

/**
 * The selected mailbox as this session sees it: the sequence map, this session's \Recent messages, and the
 * changes other sessions made that are not yet reported. Changes are queued from store events and turned into
 * untagged responses only at the points the RFC allows ({@link #drain}).
 */
public final class SelectedMailbox {

    private final long mailboxId;
    private final boolean readOnly;
    private final long uidValidity;
    private final UidMap map;
    private final Set<Long> recent = new HashSet<>();
    private final TreeSet<Long> pendingAdded = new TreeSet<>();
    private final TreeSet<Long> pendingExpunged = new TreeSet<>();
    private final Map<Long, MessageMeta> pendingFlags = new LinkedHashMap<>();
    private String name;
    private boolean deleted;

    public SelectedMailbox(long mailboxId, String name, boolean readOnly, long uidValidity, long[] uids) {
        this.mailboxId = mailboxId;
        this.name = name;
        this.readOnly = readOnly;
        this.uidValidity = uidValidity;
        this.map = new UidMap(uids);
    }

    public long mailboxId() {
        return mailboxId;
    }

    public String name() {
        return name;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public long uidValidity() {
        return uidValidity;
    }

    public UidMap map() {
        return map;
    }

    /** True once another session deleted this mailbox. */
    public boolean deleted() {
        return deleted;
    }

    public boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    public int recentCount() {
        return recent.size();
    }

    public void addRecent(List<Long> uids) {
        recent.addAll(uids);
    }

    /** Records a change announced by the store (any origin); duplicates and stale events are ignored. */
    public void onEvent(StoreEvent event, String ownSessionId) {
        if (event instanceof StoreEvent.MailboxDeleted d && d.mailboxId() == mailboxId) {
            deleted = true;
        } else if (event instanceof StoreEvent.MailboxRenamed r && r.mailboxId() == mailboxId) {
            name = r.newName();
        } else if (event instanceof StoreEvent.MessagesAdded a && a.mailboxId() == mailboxId) {
            added(a.uids());
        } else if (event instanceof StoreEvent.MessagesExpunged x && x.mailboxId() == mailboxId) {
            expunged(x.uids());
        } else if (event instanceof StoreEvent.FlagsChanged f && f.mailboxId() == mailboxId
                && !f.origin().sessionId().equals(ownSessionId)) {
            for (MessageMeta m : f.messages()) {
                MessageMeta old = pendingFlags.get(m.uid());
                if (old == null || old.modSeq() <= m.modSeq()) {
                    pendingFlags.put(m.uid(), m);
                }
            }
        }
    }

    /** New UIDs known to this session (from its own APPEND/COPY or from events). */
    public void added(List<Long> uids) {
        for (long uid : uids) {
            // UIDs only grow; one at or below the map's highest is already known (drain reads the gaps)
            if (uid > map.maxUid()) {
                pendingAdded.add(uid);
            }
        }
    }

    /** Expunged UIDs (own EXPUNGE/MOVE or events). */
    public void expunged(List<Long> uids) {
        for (long uid : uids) {
            if (map.contains(uid) || pendingAdded.contains(uid)) {
                pendingExpunged.add(uid);
            }
            pendingFlags.remove(uid);
        }
    }

    public boolean hasPending() {
        return !pendingAdded.isEmpty() || !pendingExpunged.isEmpty() || !pendingFlags.isEmpty();
    }

    /**
     * Turns pending changes into untagged responses: EXPUNGE only when {@code allowExpunge}
     * (RFC 3501 §7.4.1: never during FETCH, STORE, SEARCH), then EXISTS/RECENT, then FETCH FLAGS.
     * New messages get \Recent through {@link Messages#claimRecent} unless read-only.
     */
    public List<ImapResponse> drain(boolean allowExpunge, Messages messages) {
        List<ImapResponse> out = new ArrayList<>();
        if (allowExpunge && !pendingExpunged.isEmpty()) {
            List<Long> gone = new ArrayList<>();
            for (long uid : pendingExpunged) {
                if (pendingAdded.remove(uid)) {
                    continue; // never announced: nothing to report
                }
                gone.add(uid);
                recent.remove(uid);
            }
            pendingExpunged.clear();
            for (long seq : map.removeAll(gone)) {
                out.add(new ImapResponse.Expunge(seq));
            }
        }
        if (!pendingAdded.isEmpty()) {
            int before = map.size();
            long highest = pendingAdded.last();
            long known = map.maxUid();
            if (highest > known && pendingAdded.tailSet(known, false).size() == highest - known) {
                for (long uid : pendingAdded.tailSet(known, false)) {
                    map.append(uid); // every UID up to the highest was announced: nothing to look up
                }
            } else if (highest > known) {
                // Events may arrive out of UID order (deliveries committed together publish from their own
                // threads), and an event below the highest already shown would be lost. Every UID up to the
                // highest announced one is committed and covered by the fsync that acknowledged it, so the
                // store, not the order of events, says which messages exist.
                for (MessageMeta m : messages.list(mailboxId, UidSet.range(known + 1, highest))) {
                    map.append(m.uid());
                }
            }
            pendingAdded.clear();
            if (map.size() != before) {
                if (!readOnly) {
                    recent.addAll(messages.claimRecent(mailboxId));
                }
                out.add(new ImapResponse.Exists(map.size()));
                out.add(new ImapResponse.Recent(recent.size()));
            }
        }
        if (!pendingFlags.isEmpty()) {
            for (MessageMeta m : pendingFlags.values()) {
                int seq = map.seqOf(m.uid());
                if (seq > 0) {
                    out.add(new ImapResponse.Fetch(seq, List.of(new ImapResponse.UidItem(m.uid()),
                            new ImapResponse.FlagsItem(flagNames(m)))));
                }
            }
            pendingFlags.clear();
        }
        return out;
    }

    /** The flags of a message as this session reports them (with \Recent). */
    public List<String> flagNames(MessageMeta m) {
        List<String> names = new ArrayList<>(m.flags().names());
        if (recent.contains(m.uid())) {
            names.add("\\Recent");
        }
        return names;
    }
}
