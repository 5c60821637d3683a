package org.tern.imap.decode;

import java.util.ArrayList;
import java.util.List;

import org.tern.store.Flags.SystemFlag;

/** Parses SEARCH criteria into a {@link SearchKey} tree. */
final class SearchParser {

    private SearchParser() {
    }

    /** One or more keys separated by spaces up to the end of the command (an implicit AND). */
    static SearchKey keys(CommandReader r) {
        List<SearchKey> keys = new ArrayList<>();
        keys.add(key(r));
        while (!r.atEnd()) {
            r.sp();
            keys.add(key(r));
        }
        return keys.size() == 1 ? keys.get(0) : new SearchKey.And(List.copyOf(keys));
    }

    static SearchKey key(CommandReader r) {
        if (r.consume('(')) {
            List<SearchKey> keys = new ArrayList<>();
            keys.add(key(r));
            while (!r.consume(')')) {
                r.sp();
                keys.add(key(r));
            }
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(List.copyOf(keys));
        }
        int c = r.peek();
        if ((c >= '0' && c <= '9') || c == '*') {
            return new SearchKey.Sequence(r.sequenceSet());
        }
        String word = r.keyword();
        switch (word) {
            case "ALL":
                return new SearchKey.All();
            case "ANSWERED":
                return new SearchKey.Flag(SystemFlag.ANSWERED, true);
            case "DELETED":
                return new SearchKey.Flag(SystemFlag.DELETED, true);
            case "DRAFT":
                return new SearchKey.Flag(SystemFlag.DRAFT, true);
            case "FLAGGED":
                return new SearchKey.Flag(SystemFlag.FLAGGED, true);
            case "SEEN":
                return new SearchKey.Flag(SystemFlag.SEEN, true);
            case "UNANSWERED":
                return new SearchKey.Flag(SystemFlag.ANSWERED, false);
            case "UNDELETED":
                return new SearchKey.Flag(SystemFlag.DELETED, false);
            case "UNDRAFT":
                return new SearchKey.Flag(SystemFlag.DRAFT, false);
            case "UNFLAGGED":
                return new SearchKey.Flag(SystemFlag.FLAGGED, false);
            case "UNSEEN":
                return new SearchKey.Flag(SystemFlag.SEEN, false);
            case "RECENT":
                return new SearchKey.Recent();
            case "NEW":
                return new SearchKey.New();
            case "OLD":
                return new SearchKey.Old();
            case "KEYWORD":
                r.sp();
                return new SearchKey.Keyword(r.atom(), true);
            case "UNKEYWORD":
                r.sp();
                return new SearchKey.Keyword(r.atom(), false);
            case "BCC", "CC", "FROM", "SUBJECT", "TO":
                r.sp();
                return new SearchKey.Header(word, r.astring());
            case "HEADER": {
                r.sp();
                String field = r.astring();
                r.sp();
                return new SearchKey.Header(field, r.astring());
            }
            case "BODY":
                r.sp();
                return new SearchKey.Text(false, r.astring());
            case "TEXT":
                r.sp();
                return new SearchKey.Text(true, r.astring());
            case "LARGER":
                r.sp();
                return new SearchKey.Larger(r.number());
            case "SMALLER":
                r.sp();
                return new SearchKey.Smaller(r.number());
            case "BEFORE":
                return date(r, false, SearchKey.Comparison.BEFORE);
            case "ON":
                return date(r, false, SearchKey.Comparison.ON);
            case "SINCE":
                return date(r, false, SearchKey.Comparison.SINCE);
            case "SENTBEFORE":
                return date(r, true, SearchKey.Comparison.BEFORE);
            case "SENTON":
                return date(r, true, SearchKey.Comparison.ON);
            case "SENTSINCE":
                return date(r, true, SearchKey.Comparison.SINCE);
            case "UID":
                r.sp();
                return new SearchKey.Uid(r.sequenceSet());
            case "NOT":
                r.sp();
                return new SearchKey.Not(key(r));
            case "OR": {
                r.sp();
                SearchKey left = key(r);
                r.sp();
                return new SearchKey.Or(left, key(r));
            }
            default:
                throw new DecodingException("Unknown search criterion " + word);
        }
    }

    private static SearchKey date(CommandReader r, boolean sent, SearchKey.Comparison cmp) {
        r.sp();
        String text = r.peek() == '"' ? r.string() : r.atom();
        return new SearchKey.DateKey(sent, cmp, ImapDates.parseDate(text));
    }
}
