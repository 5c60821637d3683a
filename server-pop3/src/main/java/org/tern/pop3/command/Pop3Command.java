package org.tern.pop3.command;

import java.util.List;

/**
 * A parsed command line: the verb upper-cased, its space-separated arguments, and the text after the verb as
 * sent ({@code rest}, for PASS, whose single argument may contain spaces: RFC 1939 §7).
 */
public record Pop3Command(String verb, List<String> args, String rest) {

    public Pop3Command {
        args = List.copyOf(args);
    }

    public int argCount() {
        return args.size();
    }

    public String arg(int index) {
        return args.get(index);
    }
}
