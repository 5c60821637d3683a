package org.tern.store.mime;

import java.io.IOException;
import java.io.InputStream;

/** Parses a stored message once (mime4j) into its {@link MessageFacts}. Stateless and thread-safe. */
public final class MessageParser {

    /** Parses the whole message from {@code in}; never fails on malformed MIME (it degrades to text/plain). */
    public MessageFacts parse(InputStream in) throws IOException {
        throw new UnsupportedOperationException("implemented by the mime work");
    }
}
