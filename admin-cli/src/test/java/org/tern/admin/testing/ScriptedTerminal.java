package org.tern.admin.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.tern.admin.cli.Terminal;

/** A terminal whose answers are given in advance; records the prompts it showed. */
public final class ScriptedTerminal implements Terminal {

    private boolean interactive;
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> prompts = new ArrayList<>();

    /** Makes the terminal interactive and queues answers (passwords and lines alike), in order. */
    public ScriptedTerminal answer(String... lines) {
        interactive = true;
        answers.addAll(List.of(lines));
        return this;
    }

    public ScriptedTerminal interactive(boolean value) {
        interactive = value;
        return this;
    }

    public List<String> prompts() {
        return prompts;
    }

    @Override
    public boolean isInteractive() {
        return interactive;
    }

    @Override
    public Optional<char[]> readPassword(String prompt) {
        return readLine(prompt).map(String::toCharArray);
    }

    @Override
    public Optional<String> readLine(String prompt) {
        if (!interactive) {
            return Optional.empty();
        }
        prompts.add(prompt);
        return Optional.ofNullable(answers.poll());
    }
}
