package org.tern.imap.process;

/** Takes the next client lines instead of the command parser: IDLE's DONE, AUTHENTICATE responses. */
@FunctionalInterface
public interface LineInterceptor {

    void onLine(String line, ImapSession session, Responder out);
}
