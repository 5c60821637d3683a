package org.tern.imap.process;

/** RFC 3501 §3 connection states. */
public enum ImapState { NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT }
