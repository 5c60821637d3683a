package org.tern.admin.cli;

import java.time.Duration;
import java.time.Instant;

import org.tern.admin.api.AdminJson;
import org.tern.admin.service.AdminException;
import org.tern.admin.service.QueueEntryInfo;
import org.tern.admin.service.QueueRecipientInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code tern queue list|show|retry|remove}: messages waiting for remote delivery. */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Inspect and manage the outbound queue.")
final class QueueCommand extends AdminCommandGroup {

    QueueCommand(GlobalOptions globals) {
        super(globals);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List queued messages.")
    int list(@Option(names = "--json", description = "Print JSON.") boolean json) {
        return admin(s -> {
            var entries = s.queue();
            if (json) {
                printJson(entries.stream().map(AdminJson::queueEntry).toList());
                return;
            }
            Instant now = Instant.now();
            Table t = new Table("ID", "AGE", "SENDER", "RECIPIENTS", "ATTEMPTS", "NEXT ATTEMPT", "LAST ERROR");
            for (QueueEntryInfo e : entries) {
                t.row(e.id(), age(e.created(), now), sender(e), recipients(e), e.attempts(), time(e.nextAttempt()),
                        e.lastError());
            }
            t.print(out());
        });
    }

    private static String age(Instant created, Instant now) {
        return created == null ? "-" : duration(Math.max(0, Duration.between(created, now).getSeconds()));
    }

    private static String sender(QueueEntryInfo e) {
        return e.sender().isEmpty() ? "<>" : e.sender();
    }

    private static String recipients(QueueEntryInfo e) {
        long pending = e.recipients().stream().filter(r -> r.status().equals("PENDING")).count();
        String first = e.recipients().isEmpty() ? "" : e.recipients().get(0).address();
        int others = e.recipients().size() - 1;
        return first + (others > 0 ? " +" + others : "") + " (" + pending + " pending)";
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one queued message.")
    int show(@Parameters(paramLabel = "<id>") String id,
             @Option(names = "--json", description = "Print JSON.") boolean json) {
        return admin(s -> {
            QueueEntryInfo e = s.queueEntry(parseId(id));
            if (json) {
                printJson(AdminJson.queueEntry(e));
                return;
            }
            Table head = new Table("Id:", String.valueOf(e.id()));
            head.row("Sender:", sender(e));
            head.row("Created:", time(e.created()) + " (" + age(e.created(), Instant.now()) + " ago)");
            head.row("Attempts:", e.attempts());
            head.row("Next attempt:", time(e.nextAttempt()));
            head.row("Last error:", e.lastError().isEmpty() ? "-" : e.lastError());
            head.print(out());
            out().println();
            Table t = new Table("RECIPIENT", "STATUS", "LAST RESPONSE");
            for (QueueRecipientInfo r : e.recipients()) {
                t.row(r.address(), r.status(), r.lastResponse());
            }
            t.print(out());
        });
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Make one queued message (or all with --all) due for delivery now.")
    int retry(@Parameters(arity = "0..1", paramLabel = "<id>") String id,
              @Option(names = "--all", description = "Retry every queued message.") boolean all) {
        if (all == (id != null)) {
            throw new ParameterException(spec.commandLine(), "give either a queue id or --all");
        }
        return admin(s -> {
            if (all) {
                out().println("Retrying " + s.retryAllQueueEntries() + " queued message(s) now");
                return;
            }
            long n = parseId(id);
            s.retryQueueEntry(n);
            out().println("Retrying queue entry " + n + " now");
        });
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a queued message without delivering it (no bounce is sent).")
    int remove(@Parameters(paramLabel = "<id>") String id) {
        return admin(s -> {
            long n = parseId(id);
            s.removeQueueEntry(n);
            out().println("Removed queue entry " + n);
        });
    }

    private static long parseId(String text) {
        try {
            long id = Long.parseLong(text.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw AdminException.badInput("invalid queue id '" + text + "': expected a positive number"
                + " (see 'tern queue list')");
    }
}
