package org.tern.smtp.message;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;

/** Builds the {@code Return-Path:} and {@code Received:} fields an SMTP server prepends (RFC 5321 §4.4). */
public final class TraceHeaders {

    /** What the Received field records about the transaction. */
    public record Trace(String heloName, String remoteIp, String hostname, String protocol, String id,
                        String singleRecipient, ZonedDateTime when) {
    }

    private TraceHeaders() {
    }

    /** {@code Return-Path: <sender>} for final delivery; {@code <>} for the null sender. */
    public static String returnPath(String sender) {
        return "Return-Path: <" + clean(sender) + ">\r\n";
    }

    public static String received(Trace t) {
        StringBuilder sb = new StringBuilder(200);
        sb.append("Received: from ").append(clean(t.heloName().isEmpty() ? "unknown" : t.heloName()))
                .append(" ([").append(t.remoteIp()).append("])\r\n")
                .append("\tby ").append(t.hostname()).append(" (Tern) with ").append(t.protocol())
                .append(" id ").append(t.id());
        if (t.singleRecipient() != null) {
            sb.append("\r\n\tfor <").append(clean(t.singleRecipient())).append('>');
        }
        sb.append(";\r\n\t").append(HeaderCompletion.RFC5322_DATE.format(t.when())).append("\r\n");
        return sb.toString();
    }

    /**
     * The "with" protocol name (RFC 3848, RFC 6531 §3.7.3): SMTP for HELO, ESMTP for EHLO, UTF8SMTP with
     * SMTPUTF8, plus S for TLS and A for an authenticated client.
     */
    public static String protocol(boolean extended, boolean utf8, boolean tls, boolean authenticated) {
        String base = utf8 ? "UTF8SMTP" : extended ? "ESMTP" : "SMTP";
        if (!extended && !utf8) {
            return base;
        }
        return base + (tls ? "S" : "") + (authenticated ? "A" : "");
    }

    public static byte[] bytes(String... fields) {
        return String.join("", fields).getBytes(StandardCharsets.UTF_8);
    }

    // Client-supplied text goes into a header: keep it on one line and free of control characters.
    private static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length() && sb.length() < 255; i++) {
            char c = s.charAt(i);
            sb.append(c < ' ' || c == 127 || c == '\uFFFD' ? '?' : c);
        }
        return sb.toString();
    }
}
