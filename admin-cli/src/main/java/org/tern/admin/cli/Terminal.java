package org.tern.admin.cli;

import java.io.Console;
import java.util.Optional;

/** The operator's terminal, when there is one: no-echo password prompts and yes/no questions. */
public interface Terminal {

    /** True when both input and output are a terminal (so prompting makes sense). */
    boolean isInteractive();

    /** Prompts without echo; empty at end of input or without a terminal. */
    Optional<char[]> readPassword(String prompt);

    /** Prompts for one line; empty at end of input or without a terminal. */
    Optional<String> readLine(String prompt);

    /** The process's console ({@link System#console()}), if it has one. */
    static Terminal system() {
        return new Terminal() {
            @Override
            public boolean isInteractive() {
                return System.console() != null;
            }

            @Override
            public Optional<char[]> readPassword(String prompt) {
                Console c = System.console();
                return c == null ? Optional.empty() : Optional.ofNullable(c.readPassword("%s", prompt));
            }

            @Override
            public Optional<String> readLine(String prompt) {
                Console c = System.console();
                return c == null ? Optional.empty() : Optional.ofNullable(c.readLine("%s", prompt));
            }
        };
    }
}
