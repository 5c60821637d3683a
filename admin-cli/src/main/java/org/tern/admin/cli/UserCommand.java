package org.tern.admin.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.tern.admin.api.AdminJson;
import org.tern.admin.service.AdminException;
import org.tern.admin.service.AdminService;
import org.tern.admin.service.AddressSyntax;
import org.tern.admin.service.PasswordPolicy;
import org.tern.admin.service.QuotaSize;
import org.tern.admin.service.UserInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tern user add|list|show|remove|passwd|disable|enable|quota}. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage mail accounts (the login is the address).")
final class UserCommand extends AdminCommandGroup {

    UserCommand(GlobalOptions globals) {
        super(globals);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add an account with its default mailboxes. The password is prompted for (no echo)"
                    + " or read from standard input, never from the command line.")
    int add(@Parameters(paramLabel = "<address>") String address,
            @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
            boolean passwordStdin,
            @Option(names = "--quota", paramLabel = "SIZE", description = "Storage limit, e.g. 500M, 5G (default unlimited).")
            String quota,
            @Option(names = "--allow-weak", description = "Accept a password shorter than " + PasswordPolicy.MIN_LENGTH
                    + " characters.") boolean allowWeak) {
        return admin(s -> {
            String normal = AddressSyntax.address(address);
            long quotaBytes = quota == null ? UserInfo.UNLIMITED : QuotaSize.parse(quota);
            requireNewUser(s, normal);
            char[] password = new PasswordInput(globals.environment()).read(normal, passwordStdin);
            try {
                UserInfo u = s.addUser(normal, password, quotaBytes, allowWeak);
                out().println("Added user " + u.address() + " (quota " + QuotaSize.format(u.quotaBytes()) + ")");
            } finally {
                Arrays.fill(password, '\0');
            }
        });
    }

    /** Fails before the password prompt when the account could not be created anyway. */
    private static void requireNewUser(AdminService s, String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1);
        if (s.domains().stream().noneMatch(d -> d.name().equals(domain))) {
            throw AdminException.notFound("unknown domain " + domain + ": add it first with 'tern domain add "
                    + domain + "'");
        }
        try {
            s.user(address);
            throw AdminException.conflict("user " + address + " already exists");
        } catch (AdminException e) {
            if (e.kind() != AdminException.Kind.NOT_FOUND) {
                throw e;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
    int list(@Option(names = "--domain", paramLabel = "D", description = "Only accounts of this domain.") String domain,
             @Option(names = "--json", description = "Print JSON.") boolean json) {
        return admin(s -> {
            List<UserInfo> users = domain == null ? s.users() : s.usersInDomain(domain);
            if (json) {
                printJson(users.stream().map(AdminJson::user).toList());
                return;
            }
            Table t = new Table("ADDRESS", "QUOTA", "USED", "MESSAGES", "STATE");
            for (UserInfo u : users) {
                t.row(u.address(), QuotaSize.format(u.quotaBytes()), QuotaSize.format(u.usedBytes()), u.messages(),
                        u.disabled() ? "disabled" : "enabled");
            }
            t.print(out());
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one account.")
    int show(@Parameters(paramLabel = "<address>") String address,
             @Option(names = "--json", description = "Print JSON.") boolean json) {
        return admin(s -> {
            UserInfo u = s.user(address);
            if (json) {
                printJson(AdminJson.user(u));
                return;
            }
            String used = QuotaSize.format(u.usedBytes())
                    + (u.hasQuota() ? String.format(Locale.ROOT, " (%.0f%%)", 100.0 * u.usedBytes() / u.quotaBytes()) : "");
            Table t = new Table("Address:", u.address());
            t.row("Domain:", u.domain());
            t.row("State:", u.disabled() ? "disabled" : "enabled");
            t.row("Quota:", QuotaSize.format(u.quotaBytes()));
            t.row("Used:", used);
            t.row("Messages:", u.messages());
            t.row("Created:", time(u.created()));
            t.print(out());
        });
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove an account and its mail (asks for confirmation on a terminal).")
    int remove(@Parameters(paramLabel = "<address>") String address,
               @Option(names = "--keep-mail", description = "Keep the mailboxes and messages; only the login and address go.")
               boolean keepMail,
               @Option(names = {"--yes", "-y"}, description = "Do not ask for confirmation.") boolean yes) {
        return admin(s -> {
            String normal = AddressSyntax.address(address);
            UserInfo u = s.user(normal);
            Terminal terminal = globals.environment().terminal();
            if (!yes && terminal.isInteractive()) {
                String what = keepMail ? "Remove user " + u.address() + " (keeping its mail)? [y/N] "
                        : "Remove user " + u.address() + " and all its mail (" + u.messages() + " messages, "
                        + QuotaSize.format(u.usedBytes()) + ")? [y/N] ";
                String answer = terminal.readLine(what).orElse("").trim().toLowerCase(Locale.ROOT);
                if (!answer.equals("y") && !answer.equals("yes")) {
                    throw AdminException.badInput("not confirmed: user " + u.address() + " was not removed");
                }
            }
            s.removeUser(normal, keepMail);
            out().println("Removed user " + u.address() + (keepMail ? " (mail kept)" : ""));
        });
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set an account's password.")
    int passwd(@Parameters(paramLabel = "<address>") String address,
               @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
               boolean passwordStdin,
               @Option(names = "--allow-weak", description = "Accept a password shorter than " + PasswordPolicy.MIN_LENGTH
                       + " characters.") boolean allowWeak) {
        return admin(s -> {
            String normal = AddressSyntax.address(address);
            s.user(normal); // fail before prompting for a password of an unknown user
            char[] password = new PasswordInput(globals.environment()).read(normal, passwordStdin);
            try {
                s.setPassword(normal, password, allowWeak);
                out().println("Password of " + normal + " changed");
            } finally {
                Arrays.fill(password, '\0');
            }
        });
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Refuse logins of an account (mail is still received).")
    int disable(@Parameters(paramLabel = "<address>") String address) {
        return admin(s -> out().println("Disabled user " + s.setDisabled(address, true).address()));
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Allow logins of a disabled account again.")
    int enable(@Parameters(paramLabel = "<address>") String address) {
        return admin(s -> out().println("Enabled user " + s.setDisabled(address, false).address()));
    }

    @Command(name = "quota", mixinStandardHelpOptions = true, description = "Set an account's storage limit.")
    int quota(@Parameters(paramLabel = "<address>") String address,
              @Parameters(paramLabel = "<size|unlimited>", description = "e.g. 500M, 5G, 1.5T or unlimited") String size) {
        return admin(s -> {
            long bytes = QuotaSize.parse(size);
            UserInfo u = s.setQuota(address, bytes);
            out().println("Quota of " + u.address() + " set to " + QuotaSize.format(u.quotaBytes()));
        });
    }
}
