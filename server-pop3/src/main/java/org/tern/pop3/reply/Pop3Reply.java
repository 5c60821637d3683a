package org.tern.pop3.reply;

import java.nio.charset.StandardCharsets;

/**
 * A single-line POP3 status reply: {@code +OK text} or {@code -ERR [CODE] text}. {@code code} may be null.
 */
public record Pop3Reply(boolean ok, ResponseCode code, String text) {

    public static Pop3Reply ok(String text) {
        return new Pop3Reply(true, null, text);
    }

    public static Pop3Reply err(String text) {
        return new Pop3Reply(false, null, text);
    }

    public static Pop3Reply err(ResponseCode code, String text) {
        return new Pop3Reply(false, code, text);
    }

    /** The line as sent, with its CRLF. */
    public String line() {
        StringBuilder sb = new StringBuilder(ok ? "+OK" : "-ERR");
        if (code != null) {
            sb.append(" [").append(code.wire()).append(']');
        }
        if (text != null && !text.isEmpty()) {
            sb.append(' ').append(text);
        }
        return sb.append("\r\n").toString();
    }

    public byte[] bytes() {
        return line().getBytes(StandardCharsets.UTF_8);
    }
}
