package org.tern.store.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns raw header bytes into a String: UTF-8 when valid (RFC 6532), otherwise ISO-8859-1 byte by byte. */
final class RawText {

    private RawText() {
    }

    static String decode(byte[] bytes, int off, int len) {
        boolean ascii = true;
        for (int i = off; i < off + len; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
    }

    static boolean isWsp(int c) {
        return c == ' ' || c == '\t';
    }

    /** Trims SP, HTAB, CR and LF from both ends. */
    static String trim(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isBlank(s.charAt(b))) {
            b++;
        }
        while (e > b && isBlank(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
