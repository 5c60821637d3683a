package org.tern.imap.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A whole command as received: its lines and the literal that follows each line but the last. */
public final class CommandInput {

    private final List<byte[]> lines = new ArrayList<>();
    private final List<LiteralValue> literals = new ArrayList<>();

    public void addLine(byte[] line) {
        lines.add(line);
    }

    public void addLiteral(LiteralValue literal) {
        literals.add(literal);
    }

    public List<byte[]> lines() {
        return Collections.unmodifiableList(lines);
    }

    public List<LiteralValue> literals() {
        return Collections.unmodifiableList(literals);
    }

    /** Discards the temporary blobs of APPEND literals that were not consumed. */
    public void discard() {
        for (LiteralValue l : literals) {
            if (l.message() != null) {
                l.message().discard();
            }
        }
    }

    public static CommandInput ofLine(String line) {
        CommandInput in = new CommandInput();
        in.addLine(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return in;
    }
}
