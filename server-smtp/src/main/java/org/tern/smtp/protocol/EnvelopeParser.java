package org.tern.smtp.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses the arguments of MAIL and RCPT, including their ESMTP parameters. */
public final class EnvelopeParser {

    private EnvelopeParser() {
    }

    /** Parses what follows {@code MAIL }. */
    public static MailArguments parseMail(String argument) throws SmtpSyntaxException {
        if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
            throw new SmtpSyntaxException(SmtpReply.of(501, "5.5.4", "Syntax: MAIL FROM:<address>"));
        }
        PathParser.Result path = PathParser.parse(argument, 5)
                .orElseThrow(() -> new SmtpSyntaxException(SmtpReplies.BAD_SENDER_SYNTAX));
        long size = -1;
        BodyType body = BodyType.SEVEN_BIT;
        boolean utf8 = false;
        String ret = null;
        String envid = null;
        for (String[] p : parameters(argument, path.end())) {
            String key = p[0];
            String value = p[1];
            switch (key) {
                case "SIZE" -> size = parseSize(value);
                case "BODY" -> body = parseBody(value);
                case "SMTPUTF8" -> {
                    requireNoValue(value);
                    utf8 = true;
                }
                case "RET" -> ret = parseRet(value);
                case "ENVID" -> envid = requireXtext(value, 100);
                case "AUTH" -> requireValue(value); // RFC 4954 §5: accepted; we do not trust it
                default -> throw new SmtpSyntaxException(SmtpReplies.UNSUPPORTED_PARAMETER);
            }
        }
        if (!utf8 && path.address().map(MailAddress::isInternationalized).orElse(false)) {
            throw new SmtpSyntaxException(SmtpReplies.UTF8_NOT_REQUESTED);
        }
        return new MailArguments(path.address(), size, body, utf8, ret, envid);
    }

    /** Parses what follows {@code RCPT }; {@code utf8} is whether the transaction's MAIL had SMTPUTF8. */
    public static RcptArguments parseRcpt(String argument, boolean utf8) throws SmtpSyntaxException {
        if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            throw new SmtpSyntaxException(SmtpReply.of(501, "5.5.4", "Syntax: RCPT TO:<address>"));
        }
        MailAddress recipient;
        boolean postmaster = false;
        int end;
        String rest = argument.substring(3).stripLeading();
        // RFC 5321 §4.5.1: <Postmaster> without a domain must be accepted.
        if (rest.regionMatches(true, 0, "<postmaster>", 0, 12)) {
            recipient = new MailAddress("postmaster", "");
            postmaster = true;
            end = argument.length() - rest.length() + 12;
        } else {
            PathParser.Result path = PathParser.parse(argument, 3)
                    .orElseThrow(() -> new SmtpSyntaxException(SmtpReplies.BAD_RECIPIENT_SYNTAX));
            recipient = path.address()
                    .orElseThrow(() -> new SmtpSyntaxException(SmtpReplies.BAD_RECIPIENT_SYNTAX));
            end = path.end();
        }
        String notify = null;
        String orcpt = null;
        for (String[] p : parameters(argument, end)) {
            switch (p[0]) {
                case "NOTIFY" -> notify = parseNotify(p[1]);
                case "ORCPT" -> orcpt = parseOrcpt(p[1]);
                default -> throw new SmtpSyntaxException(SmtpReplies.UNSUPPORTED_PARAMETER);
            }
        }
        if (!utf8 && recipient.isInternationalized()) {
            throw new SmtpSyntaxException(SmtpReplies.UTF8_NOT_REQUESTED);
        }
        return new RcptArguments(recipient, postmaster, notify, orcpt);
    }

    /** Splits {@code KEY[=VALUE]} parameters after a path; keys upper-cased; value null when absent. */
    private static List<String[]> parameters(String argument, int from) throws SmtpSyntaxException {
        List<String[]> out = new ArrayList<>();
        if (from >= argument.length()) {
            return out;
        }
        if (argument.charAt(from) != ' ') {
            throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
        }
        for (String token : argument.substring(from).trim().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String key = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
            if (!key.matches("[A-Z0-9][A-Z0-9-]*")) {
                throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
            }
            out.add(new String[] {key, eq < 0 ? null : token.substring(eq + 1)});
        }
        return out;
    }

    private static long parseSize(String value) throws SmtpSyntaxException {
        if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
        }
        return Long.parseLong(value);
    }

    private static BodyType parseBody(String value) throws SmtpSyntaxException {
        if ("7BIT".equalsIgnoreCase(value)) {
            return BodyType.SEVEN_BIT;
        }
        if ("8BITMIME".equalsIgnoreCase(value)) {
            return BodyType.EIGHT_BIT_MIME;
        }
        if (value == null) {
            throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
        }
        throw new SmtpSyntaxException(SmtpReplies.BODY_TYPE_UNSUPPORTED);
    }

    private static String parseRet(String value) throws SmtpSyntaxException {
        if ("FULL".equalsIgnoreCase(value) || "HDRS".equalsIgnoreCase(value)) {
            return value.toUpperCase(Locale.ROOT);
        }
        throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
    }

    private static String parseNotify(String value) throws SmtpSyntaxException {
        if (value == null || value.isEmpty()) {
            throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.equals("NEVER")) {
            return upper;
        }
        for (String v : upper.split(",", -1)) {
            if (!v.equals("SUCCESS") && !v.equals("FAILURE") && !v.equals("DELAY")) {
                throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
            }
        }
        return upper;
    }

    private static String parseOrcpt(String value) throws SmtpSyntaxException {
        if (value == null) {
            throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
        }
        int semi = value.indexOf(';');
        if (semi <= 0 || !value.substring(0, semi).matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
            throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
        }
        // utf-8-addr-xtext (RFC 6533) also allows \x{..}; accept any printable non-space text after the type.
        String addr = value.substring(semi + 1);
        if (addr.isEmpty() || addr.length() > 500 || addr.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
        }
        return value;
    }

    private static String requireXtext(String value, int max) throws SmtpSyntaxException {
        if (value == null || value.isEmpty() || value.length() > max) {
            throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                if (i + 2 >= value.length() || !isUpperHex(value.charAt(i + 1)) || !isUpperHex(value.charAt(i + 2))) {
                    throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
                }
                i += 2;
            } else if (c < '!' || c > '~' || c == '=') {
                throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
            }
        }
        return value;
    }

    private static boolean isUpperHex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F';
    }

    private static void requireNoValue(String value) throws SmtpSyntaxException {
        if (value != null) {
            throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
        }
    }

    private static void requireValue(String value) throws SmtpSyntaxException {
        if (value == null || value.isEmpty()) {
            throw new SmtpSyntaxException(SmtpReplies.SYNTAX);
        }
    }
}
