package org.tern.pop3.command;

import java.util.Set;

import org.tern.pop3.session.Pop3Session;
import org.tern.pop3.session.Pop3State;

/** One POP3 command: the states it is valid in, what it advertises, what it does. */
public interface Pop3CommandHandler extends CapabilityContributor {

    /** The upper-case keyword, e.g. {@code RETR}. */
    String verb();

    /** The states in which the command is accepted; the dispatcher answers -ERR in any other. */
    Set<Pop3State> states();

    /** Carries the command out, replying through the session; throws {@link Pop3CommandException} to refuse it. */
    void handle(Pop3Session session, Pop3Command command);
}
