package org.tern.imap.process;

import java.util.regex.Pattern;

/** LIST/LSUB wildcards (RFC 3501 §6.3.8): {@code *} matches anything, {@code %} anything but the delimiter. */
final class MailboxPattern {

    private final Pattern regex;

    MailboxPattern(String reference, String pattern) {
        String full = reference + pattern;
        StringBuilder sb = new StringBuilder();
        boolean inboxPrefix = full.regionMatches(true, 0, "INBOX", 0, 5)
                && (full.length() == 5 || full.charAt(5) == '/');
        int start = 0;
        if (inboxPrefix) {
            sb.append("(?i:INBOX)");
            start = 5;
        }
        for (int i = start; i < full.length(); i++) {
            char c = full.charAt(i);
            if (c == '*') {
                sb.append(".*");
            } else if (c == '%') {
                sb.append("[^/]*");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.regex = Pattern.compile(sb.toString(), Pattern.DOTALL);
    }

    boolean matches(String name) {
        return regex.matcher(name).matches();
    }
}
