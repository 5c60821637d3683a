package org.tern.admin.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.tern.admin.service.AdminException;

/** Strict UTF-8 decoding: malformed bytes are bad input, never silently replaced. */
final class Utf8 {

    private Utf8() {
    }

    static String decodeStrict(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw AdminException.badInput("invalid UTF-8 in " + what);
        }
    }
}
