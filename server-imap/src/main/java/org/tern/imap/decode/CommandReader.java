package org.tern.imap.decode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tern.imap.encode.ModifiedUtf7;
import org.tern.store.blob.IncomingMessage;

/** Reads the tokens of one command (RFC 3501 §9 grammar): atoms, strings, literals, lists, numbers. */
public final class CommandReader {

    private final List<byte[]> lines;
    private final List<LiteralValue> literals;
    private int line;
    private int pos;

    public CommandReader(CommandInput input) {
        this.lines = input.lines();
        this.literals = input.literals();
    }

    private byte[] cur() {
        return lines.get(line);
    }

    /** The current position, for {@link #reset}. */
    public int[] mark() {
        return new int[] {line, pos};
    }

    public void reset(int[] mark) {
        line = mark[0];
        pos = mark[1];
    }

    /** The next byte of the current line, or -1 at its end. */
    public int peek() {
        byte[] b = cur();
        return pos < b.length ? b[pos] & 0xff : -1;
    }

    public boolean atEnd() {
        return line == lines.size() - 1 && pos >= cur().length;
    }

    public void expectEnd() {
        if (!atEnd()) {
            throw new DecodingException("Unexpected characters at end of command");
        }
    }

    public void sp() {
        expect(' ');
    }

    public void expect(char c) {
        if (peek() != c) {
            throw new DecodingException("Expected '" + c + "'");
        }
        pos++;
    }

    /** Consumes {@code c} if it is next. */
    public boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"'
                && c != '\\' && c != ']';
    }

    /** An atom (upper-cased by callers as needed). */
    public String atom() {
        int start = pos;
        while (isAtomChar(peek())) {
            pos++;
        }
        if (start == pos) {
            throw new DecodingException("Expected an atom");
        }
        return new String(cur(), start, pos - start, StandardCharsets.US_ASCII);
    }

    /** A keyword atom, upper-cased. */
    public String keyword() {
        return atom().toUpperCase(Locale.ROOT);
    }

    /** Reads characters while the predicate holds (e.g. sequence sets, section specs). */
    public String chars(java.util.function.IntPredicate allowed) {
        int start = pos;
        while (peek() >= 0 && allowed.test(peek())) {
            pos++;
        }
        return new String(cur(), start, pos - start, StandardCharsets.ISO_8859_1);
    }

    /** A flag: {@code \Seen} or a keyword atom. */
    public String flag() {
        if (consume('\\')) {
            if (consume('*')) {
                return "\\*";
            }
            return "\\" + atom();
        }
        return atom();
    }

    /** A parenthesized flag list. */
    public List<String> flagList() {
        expect('(');
        List<String> flags = new ArrayList<>();
        while (!consume(')')) {
            if (!flags.isEmpty()) {
                sp();
            }
            flags.add(flag());
        }
        return flags;
    }

    /** A number (up to 2^63-1). */
    public long number() {
        int start = pos;
        long v = 0;
        while (peek() >= '0' && peek() <= '9') {
            if (pos - start > 18) {
                throw new DecodingException("Number too large");
            }
            v = v * 10 + (peek() - '0');
            pos++;
        }
        if (start == pos) {
            throw new DecodingException("Expected a number");
        }
        return v;
    }

    /** A non-zero 32-bit unsigned number (nz-number). */
    public long nzNumber() {
        long v = number();
        if (v == 0 || v > 0xFFFFFFFFL) {
            throw new DecodingException("Invalid number " + v);
        }
        return v;
    }

    /** A quoted string or literal, as bytes. */
    public byte[] stringBytes() {
        int c = peek();
        if (c == '"') {
            return quotedBytes();
        }
        if (c == '{') {
            return literal().bytes();
        }
        throw new DecodingException("Expected a string");
    }

    public String string() {
        return new String(stringBytes(), StandardCharsets.UTF_8);
    }

    /** astring: atom (with ']' allowed) or string. */
    public String astring() {
        int c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        int start = pos;
        // 8-bit bytes are not atom chars, but clients send UTF-8 search terms and names this way: accept them
        while (isAtomChar(peek()) || peek() == ']' || peek() >= 0x80) {
            pos++;
        }
        if (start == pos) {
            throw new DecodingException("Expected a string");
        }
        return new String(cur(), start, pos - start, StandardCharsets.UTF_8);
    }

    /** list-mailbox: like astring but '%' and '*' allowed. */
    public String listMailbox() {
        int c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        int start = pos;
        while (isAtomChar(peek()) || peek() == ']' || peek() == '%' || peek() == '*') {
            pos++;
        }
        if (start == pos) {
            throw new DecodingException("Expected a mailbox pattern");
        }
        return new String(cur(), start, pos - start, StandardCharsets.UTF_8);
    }

    /** A mailbox name converted to the store's form: modified UTF-7 decoded, INBOX normalized, no trailing '/'. */
    public String mailbox() {
        return MailboxNames.fromWire(astring());
    }

    private byte[] quotedBytes() {
        expect('"');
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c < 0) {
                throw new DecodingException("Unterminated quoted string");
            }
            pos++;
            if (c == '"') {
                return out.toByteArray();
            }
            if (c == '\\') {
                int e = peek();
                if (e != '"' && e != '\\') {
                    throw new DecodingException("Invalid escape in quoted string");
                }
                pos++;
                out.write(e);
            } else {
                out.write(c);
            }
        }
    }

    private LiteralValue literal() {
        expect('{');
        number();
        consume('+');
        expect('}');
        if (pos != cur().length || line >= literals.size()) {
            throw new DecodingException("Literal must end the line");
        }
        LiteralValue v = literals.get(line);
        line++;
        pos = 0;
        return v;
    }

    /** The APPEND message literal. */
    public IncomingMessage messageLiteral() {
        if (peek() != '{') {
            throw new DecodingException("Expected a message literal");
        }
        LiteralValue v = literal();
        if (v.message() == null) {
            throw new DecodingException("Expected a message literal");
        }
        return v.message();
    }

    /** A sequence set (nz-number, '*', ranges, comma lists). */
    public SequenceSet sequenceSet() {
        String s = chars(c -> (c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*');
        return SequenceSet.parse(s);
    }
}
