package org.tern.pop3.command;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tern.pop3.reply.Pop3Replies;

/**
 * Turns a command line (without CRLF) into a {@link Pop3Command}. RFC 1939 §3: a keyword of 3-4 printable
 * characters, arguments separated by spaces; we also accept runs of spaces and a trailing space, which real
 * clients send. Control characters (NUL included) and invalid UTF-8 are refused.
 */
public final class Pop3CommandParser {

    /** RFC 2449 §4: keywords are at most 4 characters (we allow a little more to name unknown verbs). */
    private static final int MAX_VERB = 16;

    public Pop3Command parse(byte[] line) {
        String text = decode(line);
        List<String> words = new ArrayList<>();
        for (String w : text.split(" ")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        if (words.isEmpty()) {
            throw new Pop3CommandException(Pop3Replies.syntax("empty command"), true);
        }
        String verb = words.get(0);
        if (verb.length() > MAX_VERB || !verb.chars().allMatch(Pop3CommandParser::isAlnum)) {
            throw new Pop3CommandException(Pop3Replies.unknownCommand(), true);
        }
        int start = text.indexOf(verb) + verb.length();
        String rest = start < text.length() ? text.substring(start + 1) : "";
        return new Pop3Command(verb.toUpperCase(Locale.ROOT), words.subList(1, words.size()), rest);
    }

    private static String decode(byte[] line) {
        for (byte b : line) {
            int c = b & 0xff;
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new Pop3CommandException(Pop3Replies.syntax("control characters are not allowed"), true);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString().replace('\t', ' ');
        } catch (CharacterCodingException e) {
            throw new Pop3CommandException(Pop3Replies.syntax("invalid UTF-8"), true);
        }
    }

    private static boolean isAlnum(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
