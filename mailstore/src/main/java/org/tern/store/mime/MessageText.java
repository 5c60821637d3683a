package org.tern.store.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * SEARCH BODY / TEXT (RFC 3501 §6.4.4): case-insensitive substring match against the decoded text of a
 * message, streamed with mime4j's token stream (never held whole). Text parts (text/*, also inside attached
 * messages) are searched after base64 / quoted-printable decoding and charset conversion; TEXT also searches
 * every header field (name and RFC 2047-decoded value) of the message, its parts and attached messages.
 */
public final class MessageText {

    /** What to search. */
    public enum Scope {
        /** The decoded text of the body's text parts. */
        BODY,
        /** Headers and body. */
        TEXT
    }

    private MessageText() {
    }

    /** True when {@code needle} occurs (ignoring case) in the given scope of {@code message}. */
    public static boolean contains(InputStream message, String needle, Scope scope) throws IOException {
        FoldedMatcher matcher = new FoldedMatcher(needle);
        if (needle.isEmpty()) {
            return true;
        }
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE);
        stream.parse(message);
        char[] chars = new char[8192];
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                if (state == EntityState.T_FIELD && scope == Scope.TEXT) {
                    matcher.reset();
                    if (matcher.feed(fieldText(stream.getField()))) {
                        return true;
                    }
                } else if (state == EntityState.T_BODY && isText(stream.getBodyDescriptor())) {
                    matcher.reset();
                    if (search(stream, matcher, chars)) {
                        return true;
                    }
                }
            }
        } catch (MimeException e) {
            return false; // the permissive config does not throw in practice; a broken rest matches nothing
        }
        return false;
    }

    private static boolean isText(BodyDescriptor descriptor) {
        return descriptor != null && descriptor.getMimeType() != null
                && descriptor.getMimeType().toLowerCase(Locale.ROOT).startsWith("text/");
    }

    private static boolean search(MimeTokenStream stream, FoldedMatcher matcher, char[] chars) throws IOException {
        Reader reader = new InputStreamReader(stream.getDecodedInputStream(),
                charset(stream.getBodyDescriptor().getCharset()).newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
        int n;
        while ((n = reader.read(chars)) > 0) {
            if (matcher.feed(chars, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /** us-ascii (the default) and unknown charsets are read as UTF-8, its superset that real mail often is. */
    private static Charset charset(String name) {
        if (name == null || name.equalsIgnoreCase("us-ascii")) {
            return StandardCharsets.UTF_8;
        }
        Charset c = CharsetUtil.lookup(name.trim());
        return c != null ? c : StandardCharsets.UTF_8;
    }

    private static String fieldText(Field field) {
        ByteSequence raw = field.getRaw();
        if (raw != null) {
            byte[] bytes = raw.toByteArray();
            return unfoldAndDecode(RawText.decode(bytes, 0, bytes.length));
        }
        return field.getName() + ": " + HeaderFields.decode(field.getBody());
    }

    private static String unfoldAndDecode(String raw) {
        String unfolded = raw.replace("\r", "").replace("\n", "");
        int colon = unfolded.indexOf(':');
        if (colon < 0) {
            return unfolded;
        }
        return unfolded.substring(0, colon + 1) + HeaderFields.decode(unfolded.substring(colon + 1));
    }
}
