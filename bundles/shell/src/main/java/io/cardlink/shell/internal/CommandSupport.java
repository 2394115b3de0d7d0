package io.cardlink.shell.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import java.io.PrintStream;
import java.util.function.Supplier;

/** Shared behaviour of the cardlink commands: plain messages instead of stack traces. */
final class CommandSupport {
    static final String UNAVAILABLE =
            "Cardlink connector management is not available right now: the storage or the engine bundle is not active.";

    private CommandSupport() {
    }

    /** Runs a command body; a Cardlink failure becomes a readable message on the error stream. */
    static Object run(PrintStream err, Supplier<Object> body) {
        try {
            return body.get();
        } catch (ValidationException e) {
            err.println("Refused; fix these and try again:");
            for (FieldProblem problem : e.problems()) {
                err.println("  " + problem.field() + ": " + problem.problem());
            }
        } catch (CardlinkException e) {
            err.println(e.getMessage());
        }
        return null;
    }
}
