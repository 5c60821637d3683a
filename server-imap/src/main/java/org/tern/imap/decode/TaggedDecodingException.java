package org.tern.imap.decode;

/** A parse failure with the command's tag ("*" when even the tag was unreadable). */
public class TaggedDecodingException extends DecodingException {

    private final String tag;

    public TaggedDecodingException(String tag, String message) {
        super(message);
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
