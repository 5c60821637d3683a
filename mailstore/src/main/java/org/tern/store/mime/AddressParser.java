package org.tern.store.mime;

import java.util.ArrayList;
import java.util.List;

import org.tern.store.mime.Envelope.Address;

/**
 * Lenient RFC 5322 address-list parser producing RFC 3501 envelope addresses. Display names are unquoted but
 * not decoded (encoded-words stay as sent); a trailing comment serves as the name when there is none, as
 * Dovecot does. Groups become a start marker (host null) and an end marker (mailbox and host null). Never
 * throws: what cannot be parsed is skipped.
 */
final class AddressParser {

    static final String MISSING_MAILBOX = "MISSING_MAILBOX";
    static final String MISSING_DOMAIN = "MISSING_DOMAIN";

    private enum Kind { WORD, QUOTED, COMMENT, LITERAL, SPECIAL }

    /** {@code text} is the unquoted content; {@code raw} the token as written (for local parts). */
    private record Token(Kind kind, String text, String raw) {
        boolean is(char c) {
            return kind == Kind.SPECIAL && text.charAt(0) == c;
        }

        boolean isWord() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }
    }

    private final List<Token> tokens;
    private int pos;
    private final List<Address> out = new ArrayList<>();

    private AddressParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses an unfolded address-list header value; empty for null or blank input. */
    static List<Address> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        AddressParser p = new AddressParser(tokenize(value));
        p.parseList(false);
        return List.copyOf(p.out);
    }

    private void parseList(boolean inGroup) {
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            if (t.is(',')) {
                pos++;
                continue;
            }
            if (t.is(';')) {
                if (inGroup) {
                    return;
                }
                pos++;
                continue;
            }
            int before = pos;
            parseAddress(inGroup);
            if (pos == before) {
                pos++; // guarantees progress on junk such as a stray '>'
            }
        }
    }

    private void parseAddress(boolean inGroup) {
        List<Token> phrase = new ArrayList<>();
        String comment = null;
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            if (t.isWord() || t.is('.')) {
                phrase.add(t);
            } else if (t.kind == Kind.COMMENT) {
                comment = t.text;
            } else {
                break;
            }
            pos++;
        }
        Token next = pos < tokens.size() ? tokens.get(pos) : null;
        if (next != null && next.is('<')) {
            pos++;
            parseAngle(joinPhrase(phrase, comment));
        } else if (next != null && next.is(':') && !inGroup) {
            pos++;
            out.add(new Address(null, null, joinPhrase(phrase, null) == null ? "" : joinPhrase(phrase, null), null));
            parseList(true);
            if (pos < tokens.size() && tokens.get(pos).is(';')) {
                pos++;
            }
            out.add(new Address(null, null, null, null));
        } else if (next != null && next.is('@')) {
            pos++;
            String local = joinLocal(phrase);
            String domain = parseDomain();
            String trailing = skipComments();
            String name = trailing != null ? trailing : comment;
            out.add(new Address(name, null, local.isEmpty() ? MISSING_MAILBOX : local,
                    domain.isEmpty() ? MISSING_DOMAIN : domain));
        } else if (!phrase.isEmpty()) {
            out.add(new Address(comment, null, joinLocal(phrase), MISSING_DOMAIN));
        }
    }

    private void parseAngle(String name) {
        String route = null;
        if (pos < tokens.size() && tokens.get(pos).is('@')) {
            StringBuilder r = new StringBuilder();
            while (pos < tokens.size() && !tokens.get(pos).is(':') && !tokens.get(pos).is('>')) {
                Token t = tokens.get(pos++);
                if (t.kind != Kind.COMMENT) {
                    r.append(t.raw);
                }
            }
            if (pos < tokens.size() && tokens.get(pos).is(':')) {
                pos++;
                route = r.toString();
            }
        }
        List<Token> local = new ArrayList<>();
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            if (t.is('@') || t.is('>') || t.is(',') || t.is(';')) {
                break;
            }
            if (t.kind != Kind.COMMENT) {
                local.add(t);
            }
            pos++;
        }
        String domain = "";
        if (pos < tokens.size() && tokens.get(pos).is('@')) {
            pos++;
            domain = parseDomain();
        }
        if (pos < tokens.size() && tokens.get(pos).is('>')) {
            pos++;
        }
        String trailing = skipComments();
        if (name == null) {
            name = trailing;
        }
        String mailbox = joinLocal(local);
        out.add(new Address(name, route, mailbox.isEmpty() ? MISSING_MAILBOX : mailbox,
                domain.isEmpty() ? MISSING_DOMAIN : domain));
    }

    private String parseDomain() {
        StringBuilder d = new StringBuilder();
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            if (t.kind == Kind.WORD || t.kind == Kind.LITERAL || t.is('.')) {
                d.append(t.raw);
                pos++;
                continue;
            }
            break;
        }
        return d.toString();
    }

    private String skipComments() {
        String last = null;
        while (pos < tokens.size() && tokens.get(pos).kind == Kind.COMMENT) {
            last = tokens.get(pos++).text;
        }
        return last;
    }

    private static String joinPhrase(List<Token> phrase, String fallback) {
        if (phrase.isEmpty()) {
            return fallback;
        }
        StringBuilder sb = new StringBuilder();
        for (Token t : phrase) {
            if (t.is('.')) {
                sb.append('.');
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(t.text);
        }
        return sb.toString();
    }

    private static String joinLocal(List<Token> local) {
        StringBuilder sb = new StringBuilder();
        for (Token t : local) {
            sb.append(t.raw);
        }
        return sb.toString();
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (c == '"') {
                int start = i++;
                StringBuilder text = new StringBuilder();
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    text.append(s.charAt(i++));
                }
                i = Math.min(n, i + 1);
                tokens.add(new Token(Kind.QUOTED, text.toString(), s.substring(start, i)));
            } else if (c == '(') {
                int depth = 0;
                StringBuilder text = new StringBuilder();
                while (i < n) {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        text.append(s.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    i++;
                    if (d == '(' && depth++ == 0) {
                        continue;
                    }
                    if (d == ')' && --depth == 0) {
                        break;
                    }
                    text.append(d);
                }
                tokens.add(new Token(Kind.COMMENT, text.toString().trim(), ""));
            } else if (c == '[') {
                int start = i;
                while (i < n && s.charAt(i) != ']') {
                    i++;
                }
                i = Math.min(n, i + 1);
                String lit = s.substring(start, i);
                tokens.add(new Token(Kind.LITERAL, lit, lit));
            } else if ("<>@,;:.".indexOf(c) >= 0) {
                String sp = String.valueOf(c);
                tokens.add(new Token(Kind.SPECIAL, sp, sp));
                i++;
            } else {
                int start = i;
                while (i < n && " \t\r\n\"()[]<>@,;:.".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                if (i == start) {
                    i++; // a stray ')' or ']': taken as a word of its own
                }
                String w = s.substring(start, i);
                tokens.add(new Token(Kind.WORD, w, w));
            }
        }
        return tokens;
    }
}
