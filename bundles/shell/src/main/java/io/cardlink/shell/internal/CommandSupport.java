package io.cardlink.shell.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.ConnectorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.AccessController;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;

/**
 * Shared behaviour of the cardlink commands: plain messages instead of stack traces, and secrets asked for without
 * echo. A secret is never taken from the command line, where it would stay in the shell history, the terminal's
 * scrollback and the process list.
 */
final class CommandSupport {
    static final String UNAVAILABLE =
            "Cardlink connector management is not available right now: the storage or the engine bundle is not active.";
    /** jline's mask for "echo nothing", not even stars. */
    private static final Character NO_ECHO = (char) 0;

    private CommandSupport() {
    }

    /** Reads {@code key=value} options into a map, in order; refuses an option with no key or no '='. */
    static java.util.Map<String, String> keyValues(java.util.List<String> options) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        if (options != null) {
            for (String option : options) {
                int eq = option.indexOf('=');
                if (eq <= 0) {
                    throw new CommandRefused("A setting is key=value; '" + option.split("=", 2)[0] + "' has no '='.");
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
     * Reads a secret from the terminal without echo; refuses when there is no terminal to ask on (a script) or
     * nothing was typed.
     */
    static String askSecret(Session session, String label) {
        if (session == null || session.getTerminal() == null) {
            throw new CommandRefused("No terminal to ask for the " + label + " on: run the command in an interactive"
                    + " shell (ssh or bin/client), or use the REST API from scripts.");
        }
        try {
            String value = session.readLine(label + ": ", NO_ECHO);
            if (value == null || value.isEmpty()) {
                throw new CommandRefused("No " + label + " given; nothing changed.");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the " + label + " from the terminal", e);
        }
    }

    /**
     * Refuses secret settings given as {@code key=value}. Without the type the settings can't be told apart and the
     * service's own checks apply.
     */
    static void refuseSecretValues(Optional<ConnectorType> type, Map<String, String> values, String askOption) {
        for (String key : values.keySet()) {
            if (type.flatMap(t -> t.setting(key)).map(s -> s.secret()).orElse(false)) {
                throw new CommandRefused("'" + key + "' is a secret: it is not taken from the command line, where it"
                        + " would stay in the shell history; " + askOption + ".");
            }
        }
    }

    /**
     * Runs a command body; a Cardlink failure becomes a {@link CommandRefused} with a readable message. Karaf names a
     * command's thread after its command line ({@code cardlink:connector-add -s remotePassword=...}) and log lines
     * show thread names, so the body runs under a neutral thread name: nothing it logs can carry a password.
     */
    static Object run(Supplier<Object> body) {
        Thread thread = Thread.currentThread();
        String commandLine = thread.getName();
        thread.setName("cardlink-shell");
        try {
            return body.get();
        } catch (ValidationException e) {
            StringBuilder refusal = new StringBuilder("Refused; fix these and try again:");
            for (FieldProblem problem : e.problems()) {
                refusal.append(System.lineSeparator()).append("  ").append(problem.field()).append(": ")
                        .append(problem.problem());
            }
            throw new CommandRefused(refusal.toString());
        } catch (CardlinkException e) {
            throw new CommandRefused(e.getMessage());
        } finally {
            thread.setName(commandLine);
        }
    }
}
