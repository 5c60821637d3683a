package org.tern.core.net;

/** How the decoder reads after a pause: command lines, or SMTP DATA content up to CRLF.CRLF with dot-unstuffing. */
public enum ReadMode { LINES, DOT_TERMINATED }
