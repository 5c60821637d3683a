package org.tern.imap.process;

import org.tern.imap.encode.ImapResponse.Condition;

/** A command failed with a tagged NO or BAD and an optional response code (without brackets). */
public class ImapException extends RuntimeException {

    private final Condition condition;
    private final String code;

    public ImapException(Condition condition, String code, String text) {
        super(text);
        this.condition = condition;
        this.code = code;
    }

    public static ImapException no(String code, String text) {
        return new ImapException(Condition.NO, code, text);
    }

    public static ImapException bad(String text) {
        return new ImapException(Condition.BAD, null, text);
    }

    public Condition condition() {
        return condition;
    }

    public String code() {
        return code;
    }
}
