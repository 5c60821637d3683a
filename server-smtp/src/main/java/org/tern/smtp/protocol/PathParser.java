package org.tern.smtp.protocol;

import java.util.Optional;

/**
 * Parses the {@code <path>} of MAIL FROM and RCPT TO (RFC 5321 §4.1.2, with RFC 6531 UTF-8): optional
 * source route (ignored), dot-string or quoted local part, domain name or address literal. Returns the
 * index after the closing {@code >} through {@link Result}.
 */
final class PathParser {

    /** A parsed path: the address (empty for the null path {@code <>}) and where the parameters start. */
    record Result(Optional<MailAddress> address, int end) {
    }

    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 255;

    private PathParser() {
    }

    /** Parses a path starting at {@code pos} (spaces before it are allowed); empty if malformed. */
    static Optional<Result> parse(String s, int pos) {
        int i = pos;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != '<') {
            return Optional.empty();
        }
        i++;
        if (i < s.length() && s.charAt(i) == '>') {
            return Optional.of(new Result(Optional.empty(), i + 1));
        }
        if (i < s.length() && s.charAt(i) == '@') {
            // RFC 5321 §4.1.2: a source route is accepted and ignored.
            int colon = s.indexOf(':', i);
            if (colon < 0) {
                return Optional.empty();
            }
            i = colon + 1;
        }
        StringBuilder local = new StringBuilder();
        if (i < s.length() && s.charAt(i) == '"') {
            i = quotedString(s, i, local);
            if (i < 0) {
                return Optional.empty();
            }
        } else {
            int start = i;
            while (i < s.length() && isAtext(s.charAt(i)) || i < s.length() && s.charAt(i) == '.') {
                i++;
            }
            local.append(s, start, i);
            if (!validDotString(local)) {
                return Optional.empty();
            }
        }
        if (i >= s.length() || s.charAt(i) != '@' || local.length() == 0 || local.length() > MAX_LOCAL) {
            return Optional.empty();
        }
        i++;
        int close = s.indexOf('>', i);
        if (close < 0) {
            return Optional.empty();
        }
        String domain = s.substring(i, close);
        if (!validDomain(domain)) {
            return Optional.empty();
        }
        return Optional.of(new Result(Optional.of(MailAddress.of(local.toString(), domain)), close + 1));
    }

    private static int quotedString(String s, int i, StringBuilder out) {
        out.append('"');
        i++;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= s.length() || s.charAt(i + 1) < ' ') {
                    return -1;
                }
                out.append(c).append(s.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                out.append('"');
                return i + 1;
            } else if (c < ' ' || c == 127) {
                return -1;
            } else {
                out.append(c);
                i++;
            }
        }
        return -1;
    }

    private static boolean validDotString(CharSequence local) {
        if (local.length() == 0 || local.charAt(0) == '.' || local.charAt(local.length() - 1) == '.') {
            return false;
        }
        for (int i = 1; i < local.length(); i++) {
            if (local.charAt(i) == '.' && local.charAt(i - 1) == '.') {
                return false;
            }
        }
        return true;
    }

    /** RFC 5322 atext, plus any non-ASCII character (RFC 6531 UTF8-non-ascii). */
    static boolean isAtext(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        if (c > 127) {
            return c != '\uFFFD' && !Character.isISOControl(c) && !Character.isWhitespace(c);
        }
        return "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    static boolean validDomain(String d) {
        if (d.isEmpty() || d.length() > MAX_DOMAIN) {
            return false;
        }
        if (d.charAt(0) == '[') {
            return d.endsWith("]") && d.length() > 2 && validLiteral(d.substring(1, d.length() - 1));
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
                        || c > 127 && c != '\uFFFD' && Character.isLetterOrDigit(c);
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean validLiteral(String lit) {
        if (lit.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return lit.substring(5).matches("[0-9A-Fa-f:.]{2,45}");
        }
        return lit.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    }
}
