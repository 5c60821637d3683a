package org.tern.imap.decode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tern.store.FlagOperation;

/** Turns a received command into an immutable {@link ImapRequest}; never touches the store. */
public final class CommandParser {

    /** Commands without arguments. */
    private static final List<String> SIMPLE = List.of("CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "CHECK", "CLOSE",
            "EXPUNGE", "UNSELECT", "IDLE", "NAMESPACE");

    /** Parses a whole command; throws {@link TaggedDecodingException} with the tag for a BAD reply. */
    public ImapRequest parse(CommandInput input) {
        CommandReader r = new CommandReader(input);
        String tag = tag(r);
        try {
            r.sp();
            String verb = r.keyword();
            ImapRequest request = parseCommand(tag, verb, r);
            r.expectEnd();
            return request;
        } catch (TaggedDecodingException e) {
            throw e;
        } catch (DecodingException e) {
            throw new TaggedDecodingException(tag, e.getMessage());
        }
    }

    /** Reads just the tag (for error replies). */
    public static String tagOf(byte[] line) {
        int i = 0;
        while (i < line.length && isTagChar(line[i] & 0xff)) {
            i++;
        }
        return i == 0 || i >= line.length || line[i] != ' ' ? "*" : new String(line, 0, i, StandardCharsets.US_ASCII);
    }

    private static boolean isTagChar(int c) {
        return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"'
                && c != '\\' && c != '+';
    }

    private static String tag(CommandReader r) {
        String t = r.chars(CommandParser::isTagChar);
        if (t.isEmpty() || r.peek() != ' ') {
            throw new TaggedDecodingException("*", "Error in IMAP command: missing or invalid tag");
        }
        return t;
    }

    private ImapRequest parseCommand(String tag, String verb, CommandReader r) {
        if (SIMPLE.contains(verb)) {
            return new SimpleRequest(tag, verb);
        }
        switch (verb) {
            case "LOGIN": {
                r.sp();
                String user = r.astring();
                r.sp();
                return new LoginRequest(tag, user, r.astring().toCharArray());
            }
            case "AUTHENTICATE": {
                r.sp();
                String mech = r.atom();
                String ir = null;
                if (r.consume(' ')) {
                    ir = r.chars(c -> c != ' ');
                }
                return new AuthenticateRequest(tag, mech, ir);
            }
            case "SELECT", "EXAMINE", "CREATE", "DELETE", "SUBSCRIBE", "UNSUBSCRIBE": {
                r.sp();
                return new MailboxRequest(tag, verb, r.mailbox());
            }
            case "RENAME": {
                r.sp();
                String from = r.mailbox();
                r.sp();
                return new RenameRequest(tag, from, r.mailbox());
            }
            case "LIST", "LSUB":
                return list(tag, verb.equals("LSUB"), r);
            case "STATUS":
                return status(tag, r);
            case "APPEND":
                return append(tag, r);
            case "FETCH", "STORE", "COPY", "MOVE", "SEARCH":
                return selected(tag, verb, false, r);
            case "UID": {
                r.sp();
                String sub = r.keyword();
                if (sub.equals("EXPUNGE")) {
                    r.sp();
                    return new UidExpungeRequest(tag, r.sequenceSet());
                }
                if (!List.of("FETCH", "STORE", "COPY", "MOVE", "SEARCH").contains(sub)) {
                    throw new DecodingException("Unknown UID command " + sub);
                }
                return selected(tag, sub, true, r);
            }
            case "ID":
                return id(tag, r);
            case "ENABLE": {
                List<String> caps = new ArrayList<>();
                while (r.consume(' ')) {
                    caps.add(r.keyword());
                }
                if (caps.isEmpty()) {
                    throw new DecodingException("ENABLE needs a capability");
                }
                return new EnableRequest(tag, caps);
            }
            default:
                throw new DecodingException("Unknown command " + verb);
        }
    }

    private ImapRequest list(String tag, boolean lsub, CommandReader r) {
        r.sp();
        String ref = r.astring();
        r.sp();
        String pattern = r.listMailbox();
        try {
            return new ListRequest(tag, lsub, org.tern.imap.encode.ModifiedUtf7.decode(ref),
                    org.tern.imap.encode.ModifiedUtf7.decode(pattern));
        } catch (IllegalArgumentException e) {
            throw new DecodingException("Invalid mailbox name encoding");
        }
    }

    private ImapRequest status(String tag, CommandReader r) {
        r.sp();
        String mailbox = r.mailbox();
        r.sp();
        r.expect('(');
        List<String> items = new ArrayList<>();
        while (!r.consume(')')) {
            if (!items.isEmpty()) {
                r.sp();
            }
            String item = r.keyword();
            if (!List.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "SIZE", "HIGHESTMODSEQ")
                    .contains(item)) {
                throw new DecodingException("Unknown STATUS item " + item);
            }
            items.add(item);
        }
        if (items.isEmpty()) {
            throw new DecodingException("Empty STATUS item list");
        }
        return new StatusRequest(tag, mailbox, items);
    }

    private ImapRequest append(String tag, CommandReader r) {
        r.sp();
        String mailbox = r.mailbox();
        r.sp();
        List<String> flags = List.of();
        java.time.Instant date = null;
        if (r.peek() == '(') {
            flags = r.flagList();
            r.sp();
        }
        if (r.peek() == '"') {
            date = ImapDates.parseDateTime(r.string());
            r.sp();
        }
        return new AppendRequest(tag, mailbox, flags, date, r.messageLiteral());
    }

    private ImapRequest selected(String tag, String verb, boolean uid, CommandReader r) {
        r.sp();
        if (verb.equals("SEARCH")) {
            String charset = null;
            int[] mark = r.mark();
            String word = r.chars(c -> c != ' ');
            if (word.equalsIgnoreCase("CHARSET")) {
                // CHARSET is optional and comes first (RFC 3501 §6.4.4)
                r.sp();
                charset = r.astring().toUpperCase(Locale.ROOT);
                r.sp();
                return new SearchRequest(tag, uid, charset, SearchParser.keys(r));
            }
            r.reset(mark);
            return new SearchRequest(tag, uid, null, SearchParser.keys(r));
        }
        SequenceSet set = r.sequenceSet();
        r.sp();
        switch (verb) {
            case "FETCH":
                return new FetchRequest(tag, uid, set, FetchParser.attributes(r));
            case "STORE":
                return store(tag, uid, set, r);
            default:
                return new CopyRequest(tag, uid, verb.equals("MOVE"), set, r.mailbox());
        }
    }

    private ImapRequest store(String tag, boolean uid, SequenceSet set, CommandReader r) {
        String item = r.keyword();
        FlagOperation op = FlagOperation.REPLACE;
        if (item.startsWith("+")) {
            op = FlagOperation.ADD;
            item = item.substring(1);
        } else if (item.startsWith("-")) {
            op = FlagOperation.REMOVE;
            item = item.substring(1);
        }
        boolean silent;
        if (item.equals("FLAGS")) {
            silent = false;
        } else if (item.equals("FLAGS.SILENT")) {
            silent = true;
        } else {
            throw new DecodingException("Unknown STORE item " + item);
        }
        r.sp();
        List<String> flags;
        if (r.peek() == '(') {
            flags = r.flagList();
        } else {
            flags = new ArrayList<>();
            flags.add(r.flag());
            while (r.consume(' ')) {
                flags.add(r.flag());
            }
        }
        return new StoreRequest(tag, uid, set, op, silent, flags);
    }

    private ImapRequest id(String tag, CommandReader r) {
        r.sp();
        Map<String, String> params = new LinkedHashMap<>();
        if (r.consume('(')) {
            while (!r.consume(')')) {
                if (!params.isEmpty()) {
                    r.sp();
                }
                String key = r.string();
                r.sp();
                String value = nstring(r);
                if (params.size() < 30) {
                    params.put(key, value);
                }
            }
        } else if (!r.keyword().equals("NIL")) {
            throw new DecodingException("ID expects a list or NIL");
        }
        return new IdRequest(tag, params);
    }

    private static String nstring(CommandReader r) {
        if (r.peek() == '"' || r.peek() == '{') {
            return r.string();
        }
        if (!r.keyword().equals("NIL")) {
            throw new DecodingException("Expected a string or NIL");
        }
        return null;
    }
}
