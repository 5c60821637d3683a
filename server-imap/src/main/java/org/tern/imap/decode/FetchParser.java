package org.tern.imap.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tern.imap.decode.FetchAttribute.BodySection;
import org.tern.imap.decode.FetchAttribute.Kind;
import org.tern.imap.decode.FetchAttribute.Simple;

/** Parses FETCH data items, macros and body sections. */
final class FetchParser {

    private FetchParser() {
    }

    static List<FetchAttribute> attributes(CommandReader r) {
        List<FetchAttribute> out = new ArrayList<>();
        if (r.consume('(')) {
            while (!r.consume(')')) {
                if (!out.isEmpty()) {
                    r.sp();
                }
                out.add(attribute(r));
            }
            if (out.isEmpty()) {
                throw new DecodingException("Empty fetch attribute list");
            }
            return out;
        }
        String word = r.chars(c -> c != ' ' && c != '[' && c != '(' && c != ')').toUpperCase(Locale.ROOT);
        switch (word) {
            case "ALL" -> {
                return List.of(new Simple(Kind.FLAGS), new Simple(Kind.INTERNALDATE), new Simple(Kind.RFC822_SIZE),
                        new Simple(Kind.ENVELOPE));
            }
            case "FAST" -> {
                return List.of(new Simple(Kind.FLAGS), new Simple(Kind.INTERNALDATE), new Simple(Kind.RFC822_SIZE));
            }
            case "FULL" -> {
                return List.of(new Simple(Kind.FLAGS), new Simple(Kind.INTERNALDATE), new Simple(Kind.RFC822_SIZE),
                        new Simple(Kind.ENVELOPE), new Simple(Kind.BODY));
            }
            default -> {
                return List.of(attribute(word, r));
            }
        }
    }

    private static FetchAttribute attribute(CommandReader r) {
        String word = r.chars(c -> c != ' ' && c != '[' && c != '(' && c != ')').toUpperCase(Locale.ROOT);
        return attribute(word, r);
    }

    private static FetchAttribute attribute(String word, CommandReader r) {
        switch (word) {
            case "FLAGS" -> {
                return new Simple(Kind.FLAGS);
            }
            case "UID" -> {
                return new Simple(Kind.UID);
            }
            case "INTERNALDATE" -> {
                return new Simple(Kind.INTERNALDATE);
            }
            case "RFC822.SIZE" -> {
                return new Simple(Kind.RFC822_SIZE);
            }
            case "ENVELOPE" -> {
                return new Simple(Kind.ENVELOPE);
            }
            case "BODYSTRUCTURE" -> {
                return new Simple(Kind.BODYSTRUCTURE);
            }
            case "RFC822" -> {
                return new Simple(Kind.RFC822);
            }
            case "RFC822.HEADER" -> {
                return new Simple(Kind.RFC822_HEADER);
            }
            case "RFC822.TEXT" -> {
                return new Simple(Kind.RFC822_TEXT);
            }
            case "BODY", "BODY.PEEK" -> {
                if (r.peek() != '[') {
                    if (word.equals("BODY.PEEK")) {
                        throw new DecodingException("BODY.PEEK needs a section");
                    }
                    return new Simple(Kind.BODY);
                }
                return section(word.equals("BODY.PEEK"), r);
            }
            default -> throw new DecodingException("Unknown fetch attribute " + word);
        }
    }

    private static BodySection section(boolean peek, CommandReader r) {
        r.expect('[');
        List<Integer> part = new ArrayList<>();
        String specifier = "";
        List<String> fields = new ArrayList<>();
        while (r.peek() >= '0' && r.peek() <= '9') {
            long n = r.nzNumber();
            if (n > 10000) {
                throw new DecodingException("Invalid section");
            }
            part.add((int) n);
            if (!r.consume('.')) {
                break;
            }
        }
        if (r.peek() != ']') {
            specifier = r.chars(c -> c != ']' && c != ' ').toUpperCase(Locale.ROOT);
            switch (specifier) {
                case "HEADER", "TEXT" -> {
                }
                case "MIME" -> {
                    if (part.isEmpty()) {
                        throw new DecodingException("MIME needs a part number");
                    }
                }
                case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
                    r.sp();
                    r.expect('(');
                    while (!r.consume(')')) {
                        if (!fields.isEmpty()) {
                            r.sp();
                        }
                        fields.add(r.astring().toUpperCase(Locale.ROOT));
                    }
                    if (fields.isEmpty()) {
                        throw new DecodingException("Empty header field list");
                    }
                }
                default -> throw new DecodingException("Invalid section " + specifier);
            }
        }
        r.expect(']');
        long origin = -1;
        long octets = -1;
        if (r.consume('<')) {
            origin = r.number();
            r.expect('.');
            octets = r.nzNumber();
            r.expect('>');
        }
        return new BodySection(peek, List.copyOf(part), specifier, List.copyOf(fields), origin, octets);
    }
}
