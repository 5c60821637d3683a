package org.tern.admin.cli;

import org.tern.admin.api.AdminJson;
import org.tern.admin.service.DomainInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tern domain add|list|remove}. */
@Command(name = "domain", mixinStandardHelpOptions = true, description = "Manage the domains this server receives mail for.")
final class DomainCommand extends AdminCommandGroup {

    DomainCommand(GlobalOptions globals) {
        super(globals);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a local domain.")
    int add(@Parameters(paramLabel = "<domain>") String domain) {
        return admin(s -> out().println("Added domain " + s.addDomain(domain).name()));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the local domains.")
    int list(@Option(names = "--json", description = "Print JSON.") boolean json) {
        return admin(s -> {
            var domains = s.domains();
            if (json) {
                printJson(domains.stream().map(AdminJson::domain).toList());
                return;
            }
            Table t = new Table("DOMAIN", "USERS", "ALIASES", "CREATED");
            for (DomainInfo d : domains) {
                t.row(d.name(), d.accounts(), d.aliases(), time(d.created()));
            }
            t.print(out());
        });
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a domain (refused while users or aliases use it).")
    int remove(@Parameters(paramLabel = "<domain>") String domain) {
        return admin(s -> {
            s.removeDomain(domain);
            out().println("Removed domain " + domain.trim().toLowerCase(java.util.Locale.ROOT));
        });
    }
}
