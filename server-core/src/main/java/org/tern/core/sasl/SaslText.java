package org.tern.core.sasl;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Strict UTF-8 decoding for SASL fields; passwords become char arrays without passing through a String. */
final class SaslText {

    private SaslText() {
    }

    static Optional<String> string(byte[] bytes, int from, int to) {
        return chars(bytes, from, to).map(chars -> {
            String s = new String(chars);
            Arrays.fill(chars, '\0');
            return s;
        });
    }

    static Optional<char[]> chars(byte[] bytes, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer decoded = decoder.decode(ByteBuffer.wrap(bytes, from, to - from));
            char[] chars = new char[decoded.remaining()];
            decoded.get(chars);
            Arrays.fill(decoded.array(), '\0');
            return Optional.of(chars);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
