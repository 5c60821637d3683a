package org.tern.store;

/** RFC 6154 special-use attributes. */
public enum SpecialUse {
    ALL("\\All"), ARCHIVE("\\Archive"), DRAFTS("\\Drafts"), FLAGGED("\\Flagged"),
    JUNK("\\Junk"), SENT("\\Sent"), TRASH("\\Trash");

    private final String attribute;

    SpecialUse(String attribute) {
        this.attribute = attribute;
    }

    /** The LIST attribute, e.g. {@code \Sent}. */
    public String attribute() {
        return attribute;
    }
}
