package org.tern.smtp.protocol;

import java.util.List;

/**
 * One SMTP reply: a three-digit code, the RFC 3463 enhanced status code (empty for the greeting and the EHLO
 * reply, which RFC 2034 leaves without one) and one or more text lines.
 */
public record SmtpReply(int code, String enhanced, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code " + code);
        }
        lines = List.copyOf(lines.isEmpty() ? List.of("") : lines);
    }

    public static SmtpReply of(int code, String enhanced, String text) {
        return new SmtpReply(code, enhanced, List.of(text));
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanentFailure() {
        return code >= 500;
    }

    /** The reply as it goes on the wire: {@code 250-first}, ..., {@code 250 last}, each with CRLF. */
    public String encode() {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < lines.size(); i++) {
            sb.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (!enhanced.isEmpty()) {
                sb.append(enhanced).append(' ');
            }
            sb.append(sanitize(lines.get(i))).append("\r\n");
        }
        return sb.toString();
    }

    // A reply line must never carry a CR, LF or other control character taken from client input (reply splitting).
    private static String sanitize(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c == 127) {
                return replaceControls(text);
            }
        }
        return text;
    }

    private static String replaceControls(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c < ' ' || c == 127 ? (c == '\r' || c == '\n' ? ' ' : '?') : c);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return encode().trim();
    }
}
