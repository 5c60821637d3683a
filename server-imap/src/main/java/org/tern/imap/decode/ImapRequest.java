package org.tern.imap.decode;

/** An immutable, parsed IMAP command. */
public interface ImapRequest {

    String tag();

    /** The command name for metrics and logs, e.g. {@code UID FETCH}. */
    String verb();
}
