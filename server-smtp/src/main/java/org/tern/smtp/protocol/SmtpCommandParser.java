package org.tern.smtp.protocol;

import java.nio.charset.StandardCharsets;

/** Splits a command line into verb and argument. Never fails: an unusable line becomes {@link Verb#UNKNOWN}. */
public final class SmtpCommandParser {

    private SmtpCommandParser() {
    }

    public static SmtpCommand parse(byte[] line) {
        // Decoding as UTF-8 keeps SMTPUTF8 addresses; invalid bytes become U+FFFD and fail address checks later.
        String text = new String(line, StandardCharsets.UTF_8);
        int start = 0;
        while (start < text.length() && isBlank(text.charAt(start))) {
            start++;
        }
        int end = text.length();
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        text = text.substring(start, end);
        int space = text.indexOf(' ');
        String word = space < 0 ? text : text.substring(0, space);
        String argument = space < 0 ? "" : text.substring(space + 1).stripLeading();
        Verb verb = isPrintableAscii(word) ? Verb.of(word) : Verb.UNKNOWN;
        return new SmtpCommand(verb, word, argument);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
