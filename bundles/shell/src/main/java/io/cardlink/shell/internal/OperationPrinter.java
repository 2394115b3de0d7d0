package io.cardlink.shell.internal;

import io.cardlink.api.orchestration.Operation;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** How the operation commands print event-task operations. */
final class OperationPrinter {
    static final String UNAVAILABLE =
            "Cardlink orchestration is not available right now: the storage or the engine bundle is not active.";
    private static final int FAILURE_WIDTH = 60;

    private OperationPrinter() {
    }

    static void table(PrintStream out, List<Operation> operations) {
        if (operations.isEmpty()) {
            out.println("No operations");
            return;
        }
        String format = "%-36s  %-9s  %-9s  %8s  %-27s  %-10s  %s%n";
        out.printf(format, "Operation", "Kind", "Status", "Attempts", "Created", "Remote id", "Provisioning exception");
        for (Operation o : operations) {
            out.printf(format, o.id(), lower(o.operation().name()), lower(o.status().name()), o.attempts(),
                    time(o.createdAt()), text(o.remoteId()), shorten(o.provisioningException()));
        }
    }

    static void detail(PrintStream out, Operation o) {
        out.println("Operation:       " + o.id());
        out.println("Task:            " + o.taskId());
        out.println("Connector:       " + o.connectorId());
        out.println("Kind:            " + lower(o.operation().name()));
        out.println("Status:          " + lower(o.status().name()));
        out.println("Attempts:        " + o.attempts());
        out.println("Idempotency key: " + text(o.idempotencyKey()));
        out.println("Workflow:        " + text(o.workflow()));
        out.println("Created:         " + time(o.createdAt()));
        if (o.nextAttemptAt() != null) {
            out.println("Next attempt:    " + time(o.nextAttemptAt()));
        }
        out.println("Completed:       " + time(o.completedAt()));
        out.println("Remote id:       " + text(o.remoteId()));
        if (o.provisioningException() != null) {
            out.println("Provisioning exception:");
            out.println("  " + o.provisioningException());
        }
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replace('\n', ' ');
        return line.length() <= FAILURE_WIDTH ? line : line.substring(0, FAILURE_WIDTH - 3) + "...";
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
