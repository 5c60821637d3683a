package org.tern.imap.process;

import org.tern.imap.encode.ImapResponse;

/** Where processors send responses; encoding and writing happen behind it. */
public interface Responder {

    void send(ImapResponse response);

    /** Sends what is queued now (for replies completed outside the input batch, e.g. after an auth delay). */
    void flush();
}
