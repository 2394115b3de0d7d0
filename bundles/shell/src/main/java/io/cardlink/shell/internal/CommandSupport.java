package io.cardlink.shell.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import java.io.PrintStream;
import java.security.AccessController;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import java.util.function.Supplier;

/** Shared behaviour of the cardlink commands: plain messages instead of stack traces. */
final class CommandSupport {
    static final String UNAVAILABLE =
            "Cardlink connector management is not available right now: the storage or the engine bundle is not active.";

    private CommandSupport() {
    }

    /**
     * Reads {@code key=value} options into a map, in order; prints what is wrong and returns null when one has no
     * key or no '='.
     */
    static java.util.Map<String, String> keyValues(java.util.List<String> options, PrintStream err) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        if (options != null) {
            for (String option : options) {
                int eq = option.indexOf('=');
                if (eq <= 0) {
                    err.println("A setting is key=value; '" + option.split("=", 2)[0] + "' has no '='.");
                    return null;
                }
                values.put(option.substring(0, eq).trim(), option.substring(eq + 1));
            }
        }
        return values;
    }

    /** The user running the command, as the shell's JAAS login names it; "shell" when none is known. */
    static String user() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return "shell";
        }
        return subject.getPrincipals(UserPrincipal.class).stream().map(UserPrincipal::getName).findFirst()
                .orElse("shell");
    }

    /**
     * Runs a command body; a Cardlink failure becomes a readable message on the error stream. Karaf names a
     * command's thread after its command line ({@code cardlink:connector-add -s remotePassword=...}) and log lines
     * show thread names, so the body runs under a neutral thread name: nothing it logs can carry a password.
     */
    static Object run(PrintStream err, Supplier<Object> body) {
        Thread thread = Thread.currentThread();
        String commandLine = thread.getName();
        thread.setName("cardlink-shell");
        try {
            return body.get();
        } catch (ValidationException e) {
            err.println("Refused; fix these and try again:");
            for (FieldProblem problem : e.problems()) {
                err.println("  " + problem.field() + ": " + problem.problem());
            }
        } catch (CardlinkException e) {
            err.println(e.getMessage());
        } finally {
            thread.setName(commandLine);
        }
        return null;
    }
}
