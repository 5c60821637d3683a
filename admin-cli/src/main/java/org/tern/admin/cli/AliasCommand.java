package org.tern.admin.cli;

import java.util.List;

import org.tern.admin.api.AdminJson;
import org.tern.admin.service.AliasInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tern alias add|list|remove}. */
@Command(name = "alias", mixinStandardHelpOptions = true,
        description = "Manage aliases (a@domain) and catch-alls (@domain) that forward to other addresses.")
final class AliasCommand extends AdminCommandGroup {

    AliasCommand(GlobalOptions globals) {
        super(globals);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add an alias or catch-all (refused if it would loop).")
    int add(@Parameters(index = "0", paramLabel = "<alias-or-@domain>") String source,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "<target>") List<String> targets) {
        return admin(s -> {
            AliasInfo a = s.addAlias(source, targets);
            out().println("Added alias " + a.source() + " -> " + String.join(", ", a.targets()));
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List aliases.")
    int list(@Option(names = "--json", description = "Print JSON.") boolean json) {
        return admin(s -> {
            var aliases = s.aliases();
            if (json) {
                printJson(aliases.stream().map(AdminJson::alias).toList());
                return;
            }
            Table t = new Table("ALIAS", "TARGETS");
            for (AliasInfo a : aliases) {
                t.row(a.source(), String.join(", ", a.targets()));
            }
            t.print(out());
        });
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an alias or catch-all.")
    int remove(@Parameters(paramLabel = "<alias>") String source) {
        return admin(s -> {
            s.removeAlias(source);
            out().println("Removed alias " + source.trim().toLowerCase(java.util.Locale.ROOT));
        });
    }
}
