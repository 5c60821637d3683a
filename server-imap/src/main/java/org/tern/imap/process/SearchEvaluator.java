package org.tern.imap.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tern.imap.decode.SearchKey;
import org.tern.imap.decode.SequenceSet;
import org.tern.imap.session.SelectedMailbox;
import org.tern.store.Flags;
import org.tern.store.MessageMeta;
import org.tern.store.blob.BlobStore;
import org.tern.store.mime.Envelope;
import org.tern.store.mime.HeaderFields;
import org.tern.store.mime.MessageFacts;
import org.tern.store.mime.MessageText;

/** Evaluates a {@link SearchKey} tree against one message; header and body bytes are read only when needed. */
final class SearchEvaluator {

    private static final Pattern DATE = Pattern.compile("(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\s+(\\d{2,4})");
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private final SelectedMailbox selected;
    private final BlobStore blobs;

    SearchEvaluator(SelectedMailbox selected, BlobStore blobs) {
        this.selected = selected;
        this.blobs = blobs;
    }

    /** One candidate message with lazily read parts. */
    static final class Candidate {
        final long seq;
        final MessageMeta meta;
        MessageFacts facts;
        private List<HeaderFields.Field> header;

        Candidate(long seq, MessageMeta meta) {
            this.seq = seq;
            this.meta = meta;
        }
    }

    static boolean needsFacts(SearchKey key) {
        if (key instanceof SearchKey.Header || key instanceof SearchKey.Text
                || (key instanceof SearchKey.DateKey d && d.sent())) {
            return true;
        }
        if (key instanceof SearchKey.And a) {
            return a.keys().stream().anyMatch(SearchEvaluator::needsFacts);
        }
        if (key instanceof SearchKey.Or o) {
            return needsFacts(o.left()) || needsFacts(o.right());
        }
        return key instanceof SearchKey.Not n && needsFacts(n.key());
    }

    boolean matches(SearchKey key, Candidate c) {
        if (key instanceof SearchKey.All) {
            return true;
        }
        if (key instanceof SearchKey.And a) {
            for (SearchKey k : a.keys()) {
                if (!matches(k, c)) {
                    return false;
                }
            }
            return true;
        }
        if (key instanceof SearchKey.Or o) {
            return matches(o.left(), c) || matches(o.right(), c);
        }
        if (key instanceof SearchKey.Not n) {
            return !matches(n.key(), c);
        }
        if (key instanceof SearchKey.Flag f) {
            return c.meta.flags().contains(f.flag()) == f.present();
        }
        if (key instanceof SearchKey.Keyword k) {
            return c.meta.flags().containsKeyword(k.keyword()) == k.present();
        }
        if (key instanceof SearchKey.Recent) {
            return selected.isRecent(c.meta.uid());
        }
        if (key instanceof SearchKey.New) {
            return selected.isRecent(c.meta.uid()) && !c.meta.flags().contains(Flags.SystemFlag.SEEN);
        }
        if (key instanceof SearchKey.Old) {
            return !selected.isRecent(c.meta.uid());
        }
        if (key instanceof SearchKey.Sequence s) {
            return inSet(s.set(), c.seq, selected.map().size());
        }
        if (key instanceof SearchKey.Uid u) {
            return inSet(u.set(), c.meta.uid(), selected.map().maxUid());
        }
        if (key instanceof SearchKey.Larger l) {
            return c.meta.size() > l.size();
        }
        if (key instanceof SearchKey.Smaller s) {
            return c.meta.size() < s.size();
        }
        if (key instanceof SearchKey.DateKey d) {
            return date(d, c);
        }
        if (key instanceof SearchKey.Header h) {
            return header(h, c);
        }
        if (key instanceof SearchKey.Text t) {
            return text(t, c);
        }
        throw new IllegalStateException("unknown search key " + key);
    }

    private static boolean inSet(SequenceSet set, long value, long star) {
        for (SequenceSet.Range r : set.ranges()) {
            if (value >= r.low(star) && value <= r.high(star)) {
                return true;
            }
        }
        return false;
    }

    private boolean date(SearchKey.DateKey d, Candidate c) {
        LocalDate date;
        if (d.sent()) {
            date = sentDate(c);
            if (date == null) {
                return false;
            }
        } else {
            date = c.meta.internalDate().atOffset(ZoneOffset.UTC).toLocalDate();
        }
        return switch (d.comparison()) {
            case BEFORE -> date.isBefore(d.date());
            case ON -> date.isEqual(d.date());
            case SINCE -> !date.isBefore(d.date());
        };
    }

    private LocalDate sentDate(Candidate c) {
        List<String> fromEnvelope = envelopeValues(c, "Date");
        for (String v : fromEnvelope != null ? fromEnvelope : values(header(c), "Date")) {
            Matcher m = DATE.matcher(v);
            if (m.find()) {
                int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT));
                if (month < 0 || month % 3 != 0) {
                    return null;
                }
                int year = Integer.parseInt(m.group(3));
                if (year < 100) {
                    year += year < 50 ? 2000 : 1900;
                }
                try {
                    return LocalDate.of(year, month / 3 + 1, Integer.parseInt(m.group(1)));
                } catch (java.time.DateTimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private boolean header(SearchKey.Header h, Candidate c) {
        String needle = h.value().toLowerCase(Locale.ROOT);
        List<String> fromEnvelope = envelopeValues(c, h.field());
        for (String v : fromEnvelope != null ? fromEnvelope : values(header(c), h.field())) {
            if (v.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private boolean text(SearchKey.Text t, Candidate c) {
        try (InputStream in = blobs.open(c.meta.blobId())) {
            return MessageText.contains(in, t.value(), t.includeHeader() ? MessageText.Scope.TEXT : MessageText.Scope.BODY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<HeaderFields.Field> header(Candidate c) {
        if (c.header == null) {
            long end = SectionResolver.headerEnd(c.meta, c.facts);
            c.header = HeaderFields.parse(SectionResolver.readBytes(blobs, c.meta, 0, Math.min(end, 1 << 20)));
        }
        return c.header;
    }

    /**
     * RFC 3501 §6.4.4 defines SUBJECT, FROM, TO, CC, BCC and the SENT* dates by the envelope, which the parsed
     * facts already hold: searching them reads no message file. Null for other fields, or without facts.
     */
    private static List<String> envelopeValues(Candidate c, String field) {
        Envelope e = c.facts == null ? null : c.facts.envelope();
        if (e == null) {
            return null;
        }
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "subject" -> e.subject() == null ? List.of() : List.of(HeaderFields.decode(e.subject()));
            case "date" -> e.date() == null ? List.of() : List.of(e.date());
            case "from" -> addresses(e.from());
            case "to" -> addresses(e.to());
            case "cc" -> addresses(e.cc());
            case "bcc" -> addresses(e.bcc());
            default -> null;
        };
    }

    /** Each address as {@code name <mailbox@host>} with the name decoded; a group by its name. */
    private static List<String> addresses(List<Envelope.Address> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        StringBuilder sb = new StringBuilder();
        for (Envelope.Address a : list) {
            if (a.host() == null) {
                if (a.mailbox() != null) {
                    sb.append(a.mailbox()).append(": ");
                }
                continue;
            }
            if (a.name() != null) {
                sb.append(HeaderFields.decode(a.name())).append(' ');
            }
            sb.append('<').append(a.mailbox()).append('@').append(a.host()).append(">, ");
        }
        return List.of(sb.toString());
    }

    private static List<String> values(List<HeaderFields.Field> fields, String name) {
        List<String> out = new ArrayList<>();
        for (HeaderFields.Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f.decodedValue());
            }
        }
        return out;
    }

    static void attachFacts(Iterable<Candidate> chunk, Map<Long, MessageFacts> facts) {
        for (Candidate c : chunk) {
            c.facts = facts.get(c.meta.uid());
        }
    }
}
