package org.tern.store.mime;

/** Compact binary form of {@link MessageFacts} for one database column. */
public final class MessageFactsCodec {

    private MessageFactsCodec() {
    }

    public static byte[] encode(MessageFacts facts) {
        throw new UnsupportedOperationException("implemented by the mime work");
    }

    public static MessageFacts decode(byte[] bytes) {
        throw new UnsupportedOperationException("implemented by the mime work");
    }
}
