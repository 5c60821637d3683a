package org.tern.admin.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.tern.admin.service.AdminException;

/** Reads a new password: the first line of standard input, or twice from a no-echo terminal prompt. */
final class PasswordInput {

    private static final int MAX_BYTES = 4096;

    private final AdminEnvironment environment;

    PasswordInput(AdminEnvironment environment) {
        this.environment = environment;
    }

    char[] read(String address, boolean fromStdin) throws IOException {
        return fromStdin ? fromStdin() : prompt(address);
    }

    private char[] prompt(String address) {
        Terminal terminal = environment.terminal();
        if (!terminal.isInteractive()) {
            throw AdminException.badInput("no terminal to ask for the password of " + address
                    + ": use --password-stdin");
        }
        char[] first = terminal.readPassword("Password for " + address + ": ")
                .orElseThrow(() -> AdminException.badInput("no password entered"));
        char[] second = terminal.readPassword("Repeat password: ")
                .orElseThrow(() -> AdminException.badInput("no password entered"));
        try {
            if (!Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw AdminException.badInput("the two passwords differ; nothing changed");
            }
            return first;
        } finally {
            Arrays.fill(second, '\0');
        }
    }

    /** The first line (LF or CRLF ended, or up to end of input); bytes are decoded as UTF-8. */
    private char[] fromStdin() throws IOException {
        InputStream in = environment.stdin();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_BYTES) {
                throw AdminException.badInput("password on standard input is longer than " + MAX_BYTES + " bytes");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        if (!any || length == 0) {
            Arrays.fill(bytes, (byte) 0);
            throw AdminException.badInput("no password on standard input");
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            Arrays.fill(chars.array(), '\0');
            return password;
        } catch (CharacterCodingException e) {
            throw AdminException.badInput("the password on standard input is not valid UTF-8");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
