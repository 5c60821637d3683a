package org.tern.admin.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.tern.admin.json.JsonWriter;
import org.tern.admin.service.AdminException;
import org.tern.admin.service.AdminService;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What every admin command group shares: connecting, the one-line error on failure with exit code 1, and
 * output helpers. Usage errors stay picocli's (exit 2).
 */
abstract class AdminCommandSupport {

    static final int OK = 0;
    static final int FAILED = 1;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    final GlobalOptions globals;

    @CommandLine.Spec
    CommandSpec spec;

    AdminCommandSupport(GlobalOptions globals) {
        this.globals = globals;
    }

    interface Action {
        void run(AdminService service) throws Exception;
    }

    /** Runs {@code action} against the chosen transport; failures become one line on stderr and exit 1. */
    int admin(Action action) {
        checkTargetOptions();
        try (AdminConnection connection = AdminConnector.connect(globals)) {
            action.run(connection.service());
            out().flush();
            return OK;
        } catch (ParameterException e) {
            throw e;
        } catch (Exception e) {
            return fail(e);
        }
    }

    void checkTargetOptions() {
        if (globals.server != null && globals.data != null) {
            throw new ParameterException(spec.commandLine(), "--data and --server cannot be used together");
        }
    }

    int fail(Exception e) {
        out().flush();
        err().println("tern: " + describe(e));
        err().flush();
        return FAILED;
    }

    private static String describe(Exception e) {
        if (e instanceof AdminException) {
            return e.getMessage();
        }
        String m = e.getMessage();
        return "internal error: " + (m == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + m);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    void printJson(Object value) {
        out().println(JsonWriter.writePretty(value));
    }

    static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        long m = seconds / 60;
        if (m < 60) {
            return m + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
        }
        long h = m / 60;
        if (h < 48) {
            return h + "h" + (m % 60 == 0 ? "" : " " + m % 60 + "m");
        }
        return h / 24 + "d" + (h % 24 == 0 ? "" : " " + h % 24 + "h");
    }
}
