package org.tern.pop3.command;

import org.tern.pop3.reply.Pop3Replies;

/** Checks argument counts and parses message numbers and line counts (RFC 1939 §3: decimal, no sign). */
public final class Arguments {

    private Arguments() {
    }

    public static void expectCount(Pop3Command command, int min, int max) {
        int n = command.argCount();
        if (n < min || n > max) {
            String expected = min == max ? min + "" : min + " to " + max;
            throw new Pop3CommandException(
                    Pop3Replies.syntax(command.verb() + " takes " + expected + " argument(s)"), true);
        }
    }

    /** A message number, 1 or more. */
    public static int messageNumber(String arg) {
        long n = decimal(arg, "message number");
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new Pop3CommandException(Pop3Replies.noSuchMessage());
        }
        return (int) n;
    }

    /** A non-negative line count for TOP. */
    public static long lineCount(String arg) {
        return decimal(arg, "line count");
    }

    private static long decimal(String arg, String what) {
        if (arg.isEmpty() || arg.length() > 18 || !arg.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Pop3CommandException(Pop3Replies.syntax("invalid " + what + " '" + shorten(arg) + "'"), true);
        }
        return Long.parseLong(arg);
    }

    private static String shorten(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }
}
