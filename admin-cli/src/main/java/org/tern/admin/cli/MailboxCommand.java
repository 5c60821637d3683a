package org.tern.admin.cli;

import org.tern.admin.api.AdminJson;
import org.tern.admin.service.MailboxInfo;
import org.tern.admin.service.QuotaSize;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tern mailbox list|create|rename|remove <address> [<name> [<new-name>]]}. */
@Command(name = "mailbox", mixinStandardHelpOptions = true,
        description = "Manage an account's folders ('/' separates levels, e.g. Archive/2024).")
final class MailboxCommand extends AdminCommandGroup {

    MailboxCommand(GlobalOptions globals) {
        super(globals);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an account's mailboxes.")
    int list(@Parameters(paramLabel = "<address>") String address,
             @Option(names = "--json", description = "Print JSON.") boolean json) {
        return admin(s -> {
            var boxes = s.mailboxes(address);
            if (json) {
                printJson(boxes.stream().map(AdminJson::mailbox).toList());
                return;
            }
            Table t = new Table("MAILBOX", "MESSAGES", "UNSEEN", "SIZE", "SPECIAL-USE");
            for (MailboxInfo b : boxes) {
                String uses = String.join(" ", b.specialUse()) + (b.selectable() ? "" : " \\Noselect");
                t.row(b.name(), b.messages(), b.unseen(), QuotaSize.format(b.sizeBytes()), uses.trim());
            }
            t.print(out());
        });
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a mailbox (and missing parents).")
    int create(@Parameters(index = "0", paramLabel = "<address>") String address,
               @Parameters(index = "1", paramLabel = "<name>") String name) {
        return admin(s -> out().println("Created mailbox " + s.createMailbox(address, name).name()
                + " of " + address.trim().toLowerCase(java.util.Locale.ROOT)));
    }

    @Command(name = "rename", mixinStandardHelpOptions = true,
            description = "Rename a mailbox with its children (renaming INBOX moves its messages).")
    int rename(@Parameters(index = "0", paramLabel = "<address>") String address,
               @Parameters(index = "1", paramLabel = "<name>") String name,
               @Parameters(index = "2", paramLabel = "<new-name>") String newName) {
        return admin(s -> {
            s.renameMailbox(address, name, newName);
            out().println("Renamed mailbox " + name + " to " + newName);
        });
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a mailbox and its messages (INBOX cannot be removed).")
    int remove(@Parameters(index = "0", paramLabel = "<address>") String address,
               @Parameters(index = "1", paramLabel = "<name>") String name) {
        return admin(s -> {
            s.removeMailbox(address, name);
            out().println("Removed mailbox " + name);
        });
    }
}
