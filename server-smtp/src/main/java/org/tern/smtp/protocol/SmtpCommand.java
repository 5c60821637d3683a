package org.tern.smtp.protocol;

/** One parsed command line: the verb and the rest of the line after the first space (may be empty). */
public record SmtpCommand(Verb verb, String word, String argument) {

    public boolean hasArgument() {
        return !argument.isEmpty();
    }
}
