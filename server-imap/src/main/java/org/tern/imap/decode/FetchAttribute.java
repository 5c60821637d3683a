package org.tern.imap.decode;

import java.util.List;

/** One FETCH data item. */
public sealed interface FetchAttribute {

    /** Items without a section. */
    enum Kind { FLAGS, UID, INTERNALDATE, RFC822_SIZE, ENVELOPE, BODY, BODYSTRUCTURE, RFC822, RFC822_HEADER, RFC822_TEXT }

    record Simple(Kind kind) implements FetchAttribute {
    }

    /**
     * BODY[section]&lt;origin.octets&gt; or BODY.PEEK[...]. {@code part} is the part path (empty for the whole
     * message); {@code specifier} is "", HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT or MIME;
     * {@code origin} is -1 without a partial range.
     */
    record BodySection(boolean peek, List<Integer> part, String specifier, List<String> fields, long origin,
                       long octets) implements FetchAttribute {

        /** The section as echoed in the response, e.g. {@code 1.2.HEADER.FIELDS (FROM TO)}. */
        public String sectionText() {
            StringBuilder sb = new StringBuilder();
            for (int p : part) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(p);
            }
            if (!specifier.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(specifier);
            }
            if (!fields.isEmpty()) {
                sb.append(" (").append(String.join(" ", fields)).append(')');
            }
            return sb.toString();
        }
    }
}
